import {createContext} from '@lit/context';
import type {CommentAdapter, SortOrder} from './adapters/adapter.js';
import type {ParleyStrings} from './i18n/strings.js';
import type {LengthRules} from 'parley-contract';
import type {ThreadStore} from './thread-store.js';

/** What `<parley-comments>` hands to its parts. */
export interface ParleyConfig {
  adapter: CommentAdapter;
  thread: string;
  rules: LengthRules;
  strings: ParleyStrings;
  locale: string;
  sort: SortOrder;
  pageSize: number;
  /** Levels of nested replies shown (`max-depth`). */
  maxDepth: number;
  /** Load the thread at once instead of when it comes near the viewport. */
  eager: boolean;
  /** Keep the reader's drafts in IndexedDB; false with `no-drafts`. */
  drafts: boolean;
  /** The comments shown, shared by the thread (renders them) and the form (adds to them). */
  store: ThreadStore;
}

/** Context key. Copies of the same major version of Parley share it. */
export const parleyContext = createContext<ParleyConfig>(Symbol.for('parley/config@1'));
