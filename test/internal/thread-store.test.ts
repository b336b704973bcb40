import '../setup.js';
import {expect} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {ThreadStore} from '../../src/thread-store.js';
import {makeComment, uniqueThread, waitFor} from '../helpers.js';

// The store's live stream starts after its first page, with the discussion chunk: a store
// disposed before that chunk is here must not open one that nothing would ever stop.

describe('ThreadStore live stream', () => {
  const subscribing = (thread: string) => {
    const adapter = new MemoryAdapter({seed: {[thread]: [makeComment(thread, 1)]}});
    let opened = 0;
    let open = 0;
    const subscribe = adapter.subscribe.bind(adapter);
    adapter.subscribe = (t, onComment) => {
      opened += 1;
      open += 1;
      const stop = subscribe(t, onComment);
      return () => {
        open -= 1;
        stop();
      };
    };
    return {adapter, opened: () => opened, open: () => open};
  };

  it('opens one stream after the first page, and dispose() closes it', async () => {
    const thread = uniqueThread('store-live');
    const s = subscribing(thread);
    const store = new ThreadStore(s.adapter, thread, {sort: 'oldest', pageSize: 50});
    await store.load();
    await waitFor(() => s.open() === 1, 'the stream');
    await store.load(); // loading again keeps the one stream
    await new Promise((r) => setTimeout(r, 50));
    expect(s.opened()).to.equal(1);
    store.dispose();
    expect(s.open()).to.equal(0);
  });

  it('opens none for a store disposed before the stream would start', async () => {
    const thread = uniqueThread('store-live-gone');
    const s = subscribing(thread);
    const store = new ThreadStore(s.adapter, thread, {sort: 'oldest', pageSize: 50});
    await store.load();
    store.dispose(); // the element left the page right after its first page
    await new Promise((r) => setTimeout(r, 100));
    expect(s.opened()).to.equal(0, 'no stream opened for a disposed store');
    expect(s.open()).to.equal(0);
  });
});
