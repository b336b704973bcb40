import type {CommentAdapter} from './adapter.js';
import {ParleyError} from './adapter.js';

/**
 * An adapter whose code is fetched on first use: `load` runs when the widget first
 * lists, posts, counts, subscribes, reacts, edits, deletes or locates, and every call waits for it. A failed load (a
 * missing file, the network down) rejects that call with a `network` error and is tried
 * again by the next one. Lets a page that never uses an adapter not pay for its code.
 */
export function lazyAdapter(load: () => Promise<CommentAdapter>): CommentAdapter {
  let loading: Promise<CommentAdapter> | undefined;
  const loaded = () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new ParleyError('network', 'The adapter code could not be loaded.', {cause});
    }));
  return {
    list: async (...args) => (await loaded()).list(...args),
    post: async (...args) => (await loaded()).post(...args),
    // An adapter without `count` throws here, as calling a missing count would.
    count: async (...args) => (await loaded()).count!(...args),
    // Called only where the page's features offer them, which the loaded adapter's pages say.
    react: async (...args) => (await loaded()).react!(...args),
    edit: async (...args) => (await loaded()).edit!(...args),
    remove: async (...args) => (await loaded()).remove!(...args),
    locate: async (...args) => (await loaded()).locate!(...args),
    subscribe(thread, onComment, onState) {
      let stop: (() => void) | undefined;
      let stopped = false;
      // A failed load is reported by the list or post that needs the adapter.
      loaded().then(
        (a) => stopped || (stop = a.subscribe?.(thread, onComment, onState)),
        () => {}
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
