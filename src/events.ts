import type {Comment, NewComment} from './adapters/adapter.js';
import type {ParleyError} from './adapters/adapter.js';

/** Cancelable; sent before the adapter is called. */
export type ParleySubmitEvent = CustomEvent<{threadId: string; comment: NewComment}>;
/** The backend accepted a comment; `detail.comment` is the server's copy. */
export type ParleyPostedEvent = CustomEvent<{threadId: string; comment: Comment}>;
/** Loading, posting or keeping a draft failed. */
export type ParleyErrorEvent = CustomEvent<{error: ParleyError | Error; action: 'load' | 'post' | 'draft'}>;
/** A page of comments arrived. */
export type ParleyLoadedEvent = CustomEvent<{threadId: string; total: number}>;
/** A reply form's Cancel button or Escape: its owner closes it; the draft is kept. */
export type ParleyCancelEvent = CustomEvent<null>;

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-submit': ParleySubmitEvent;
    'parley-posted': ParleyPostedEvent;
    'parley-error': ParleyErrorEvent;
    'parley-loaded': ParleyLoadedEvent;
    'parley-cancel': ParleyCancelEvent;
  }
}

type ParleyEventMap = Pick<GlobalEventHandlersEventMap, 'parley-submit' | 'parley-posted' | 'parley-error' | 'parley-loaded'>;

/**
 * Dispatches a bubbling, composed Parley event from `host`. Returns false when a
 * listener cancelled it, so `if (!emit(…, {cancelable: true})) return;` reads naturally.
 */
export function emit<K extends keyof ParleyEventMap>(
  host: EventTarget,
  type: K,
  detail: ParleyEventMap[K]['detail'],
  init: {cancelable?: boolean} = {}
): boolean {
  return host.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true, ...init}));
}
