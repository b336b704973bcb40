import type {SortOrder} from '../adapters/adapter.js';

// The order the reader picked with the sort control, remembered for this site.

const KEY = 'parley:sort';

/** The order the reader last picked on this site, if any. */
export function rememberedSort(): SortOrder | undefined {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'oldest' || v === 'newest' || v === 'top' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the reader's order. Best effort. */
export function rememberSort(sort: SortOrder): void {
  try {
    localStorage.setItem(KEY, sort);
  } catch {
    // Not remembered: the next visit starts with the page's order.
  }
}
