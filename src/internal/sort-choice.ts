import type {SortOrder} from '../adapters/adapter.js';

// The order the reader picked with the sort control, remembered for this site.

/** Where the order the reader picked is kept (actions.ts writes it). */
export const SORT_KEY = 'parley:sort';

/** The order the reader last picked on this site, if any. */
export function rememberedSort(): SortOrder | undefined {
  try {
    const v = localStorage.getItem(SORT_KEY);
    return v === 'oldest' || v === 'newest' || v === 'top' ? v : undefined;
  } catch {
    return undefined;
  }
}
