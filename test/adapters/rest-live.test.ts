import '../setup.js';
import {expect, fixture, html} from '@open-wc/testing';
import type {Comment, CommentAdapter, LiveState} from '../../src/adapters/adapter.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import '../../src/define.js';
import {parts, uniqueThread, waitFor} from '../helpers.js';

// The live stream against the real backend, through /api/outage/{id}, which the test takes
// down (open connections cut, new ones reset) and brings back (test/server/backend.mjs).

const api = new RestAdapter({endpoint: '/api/v1'});
const BODY = 'A comment for the live stream tests, long enough for the minimum of fifty.';
const post = (thread: string) => api.post(thread, {author: {name: 'Ann'}, body: BODY}, {idempotencyKey: crypto.randomUUID()});
const hits = async (id: string) => ((await (await fetch(`/api/outage/${id}/hits`)).json()) as {hits: number}).hits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RestAdapter live stream when the backend goes away', () => {
  it('backs off, pauses once, and resumes online without missing a comment', async () => {
    const id = crypto.randomUUID();
    const adapter = new RestAdapter({
      endpoint: `/api/outage/${id}`,
      live: true,
      reconnect: {delay: 50, maxDelay: 200, attempts: 3},
    });
    const thread = uniqueThread('live');
    const received: Comment[] = [];
    const states: LiveState[] = [];
    const stop = adapter.subscribe(
      thread,
      (c) => received.push(c),
      (s) => states.push(s)
    );
    try {
      await waitFor(() => states.includes('live'), 'the stream open');
      const before = await post(thread);
      await waitFor(() => received.some((c) => c.id === before.id), 'a comment live');

      await fetch(`/api/outage/${id}/down`);
      await waitFor(() => states.includes('paused'), 'the stream paused');
      const tried = await hits(id);
      expect(tried).to.equal(1 + 3, 'the first stream, then three attempts');
      await sleep(500);
      expect(await hits(id)).to.equal(tried, 'no attempt once paused');
      expect(states).to.deep.equal(['live', 'paused'], 'said once');

      const missed = await post(thread); // while the stream is down
      await fetch(`/api/outage/${id}/up`);
      // The page may say it is back more than once before the stream opens.
      dispatchEvent(new Event('online'));
      dispatchEvent(new Event('online'));
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => received.some((c) => c.id === missed.id), 'the comment posted during the outage');
      expect(await hits(id)).to.equal(tried + 1, 'one stream opened again');
      expect(states).to.deep.equal(['live', 'paused', 'live']);
      expect(received.map((c) => c.id)).to.deep.equal([before.id, missed.id], 'each comment once');
    } finally {
      stop();
    }
  });

  it('stops for good when unsubscribed, whatever state it is in', async () => {
    const id = crypto.randomUUID();
    await fetch(`/api/outage/${id}/down`);
    const adapter = new RestAdapter({endpoint: `/api/outage/${id}`, live: true, reconnect: {delay: 30, attempts: 50}});
    const stop = adapter.subscribe(uniqueThread('live-stop'), () => {});
    await waitFor(async () => (await hits(id)) >= 2, 'a retry');
    stop();
    const tried = await hits(id);
    await sleep(300);
    expect(await hits(id)).to.be.at.most(tried + 1);
    dispatchEvent(new Event('online'));
    await sleep(200);
    expect(await hits(id)).to.be.at.most(tried + 1, 'no reconnection after stop');
  });
});

describe('a live stream opened after the first page', () => {
  it('starts where the page was read (its lastEventId): a comment posted in between comes, once', async () => {
    const adapter = new RestAdapter({endpoint: '/api/v1', live: true});
    const thread = uniqueThread('live-from');
    const had = await post(thread);
    const page = await adapter.list(thread, {});
    expect(page.lastEventId).to.match(/^\d+$/);
    const between = await post(thread); // after the page was read, before the stream is open
    const received: Comment[] = [];
    const states: LiveState[] = [];
    const stop = adapter.subscribe(
      thread,
      (c) => received.push(c),
      (s) => states.push(s),
      page.lastEventId
    );
    try {
      await waitFor(() => received.some((c) => c.id === between.id), 'the comment posted in between');
      const after = await post(thread);
      await waitFor(() => received.some((c) => c.id === after.id), 'a comment posted later');
      expect(received.map((c) => c.id)).to.deep.equal([between.id, after.id], 'not the one the page had, each once');
      expect(page.comments.map((c) => c.id)).to.deep.equal([had.id]);
    } finally {
      stop();
    }
  });

  it('in the widget: a comment posted while the stream was still on its way is shown', async () => {
    const thread = uniqueThread('live-widget');
    await post(thread);
    const rest = new RestAdapter({endpoint: '/api/v1', live: true});
    let between: Comment | undefined;
    // The stream opens late, as on a slow network: someone posts meanwhile.
    const adapter: CommentAdapter = {
      list: (t, q, o) => rest.list(t, q, o),
      post: (t, input, o) => rest.post(t, input, o),
      subscribe(t, onComment, onState, from) {
        let stop: (() => void) | undefined;
        void post(t).then((c) => {
          between = c;
          stop = rest.subscribe(t, onComment, onState, from);
        });
        return () => stop?.();
      },
    };
    const el = await fixture<ParleyComments>(
      html`<parley-comments .adapter=${adapter} thread=${thread} eager live></parley-comments>`
    );
    const p = parts(el);
    await waitFor(() => between && p.comments().some((c) => c.comment?.id === between!.id), 'the comment posted in between');
    expect(p.comments()).to.have.lengthOf(2);
    el.remove();
  });
});
