import type {CommentAdapter} from './adapter.js';
import {ParleyError} from './adapter.js';
import {once, whenLoaded} from '../internal/once.js';

/**
 * An adapter whose code is fetched on first use: `load` runs when the widget first
 * lists, posts, counts, subscribes, reacts, edits, deletes, locates or reports, and every call waits for it. A failed load (a
 * missing file, the network down) rejects that call with a `network` error and is tried
 * again by the next one. Lets a page that never uses an adapter not pay for its code.
 */
export function lazyAdapter(load: () => Promise<CommentAdapter>): CommentAdapter {
  const loaded = once(() =>
    load().catch((cause: unknown) => {
      throw new ParleyError('network', 'The adapter code could not be loaded.', {cause});
    })
  );
  // Each call waits for the adapter; one it lacks throws then, as calling it would. Its pages'
  // features say which of `react`, `edit`, `remove`, `locate` and `report` are called at all.
  const call =
    (name: 'list' | 'post' | 'count' | 'react' | 'edit' | 'remove' | 'locate' | 'report') =>
    async (...args: unknown[]): Promise<never> => {
      const adapter = await loaded();
      return (adapter[name] as (...a: unknown[]) => Promise<never>).apply(adapter, args);
    };
  return {
    list: call('list'),
    post: call('post'),
    count: call('count'),
    react: call('react'),
    edit: call('edit'),
    remove: call('remove'),
    locate: call('locate'),
    report: call('report'),
    // A failed load is reported by the list or post that needs the adapter.
    subscribe: (thread, onComment, onState, from) => whenLoaded(loaded(), (a) => a.subscribe?.(thread, onComment, onState, from)),
  };
}
