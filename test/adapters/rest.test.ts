import {expect} from '@open-wc/testing';
import type {Comment, NewComment} from '../../src/adapters/adapter.js';
import {ParleyError} from '../../src/adapters/adapter.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import {leftOut} from '../../src/internal/validate.js';
import {awkwardThreadIds} from 'parley-contract/samples';
import {uniqueThread} from '../helpers.js';

// RestAdapter against a real HTTP backend of REST contract v1 (test/server/backend.mjs),
// served by the test runner on this page's own origin. `/api/fault/{kind}` answers the
// same routes with a chosen fault.

const BODY = 'A comment for the REST adapter tests, long enough to be accepted.';
const input = (body = BODY, extra: Partial<NewComment> = {}): NewComment => ({author: {name: 'Ann'}, body, ...extra});
const key = () => crypto.randomUUID();
/** What the reference backend offers beyond v1 (its default edit window). */
const FEATURES = {
  reactions: true,
  editWindow: 900,
  locate: true,
  sorts: ['oldest', 'newest', 'top'],
  updates: true,
  reports: true,
};
const api = new RestAdapter({endpoint: '/api/v1'});
const faulty = (kind: string, timeout?: number) => new RestAdapter({endpoint: `/api/fault/${kind}`, timeout});

/** The rejection of `p`; fails the test when `p` resolves. */
async function failure(p: Promise<unknown>): Promise<any> {
  let value: unknown;
  try {
    value = await p;
  } catch (e) {
    return e;
  }
  throw new Error(`Expected a rejection, got ${JSON.stringify(value)}`);
}

/** A `fetch` that records what was sent and the status of what came back. */
function spyFetch() {
  const calls: {url: string; headers: Headers; status?: number}[] = [];
  const spy: typeof fetch = async (url, init) => {
    const call: (typeof calls)[number] = {url: String(url), headers: new Headers(init?.headers)};
    calls.push(call);
    const response = await fetch(url, init);
    call.status = response.status;
    return response;
  };
  return {calls, spy};
}

async function postMany(thread: string, n: number): Promise<Comment[]> {
  const out: Comment[] = [];
  // One after the other, so the creation order is known.
  for (let i = 0; i < n; i++) out.push(await api.post(thread, input(`${BODY} Number ${i}.`), {idempotencyKey: key()}));
  return out;
}

describe('RestAdapter against the contract v1 test backend', () => {
  it('works with an endpoint relative to the page, with or without a trailing slash', async () => {
    expect(new RestAdapter({endpoint: '/api/v1/'}).endpoint).to.equal('/api/v1');
    const page = await new RestAdapter({endpoint: '/api/v1/'}).list(uniqueThread(), {});
    expect(page.total).to.equal(0);
  });

  it('lists an empty thread, with what the backend offers beyond v1 and where its live stream stands', async () => {
    expect(await api.list(uniqueThread(), {})).to.deep.equal({
      comments: [],
      nextCursor: null,
      total: 0,
      features: FEATURES,
      lastEventId: '0',
    });
  });

  it('posts, then lists the comment as the server stored it (normalised text)', async () => {
    const thread = uniqueThread();
    const c = await api.post(thread, input(`  ${BODY}\u200b\n`), {idempotencyKey: key()});
    expect(c).to.include({threadId: thread, body: BODY, parentId: null, status: 'published'});
    expect(c.author).to.deep.equal({name: 'Ann', avatarUrl: null});
    expect(Number.isNaN(Date.parse(c.createdAt))).to.be.false;
    const {secret, ...listed} = c;
    expect(secret).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(await api.list(thread, {})).to.deep.equal({
      comments: [listed],
      nextCursor: null,
      total: 1,
      features: FEATURES,
      lastEventId: '1',
    });
  });

  it('round-trips thread ids with slashes, spaces, dots, reserved characters and unicode', async () => {
    const id = crypto.randomUUID();
    const threads = awkwardThreadIds(id);
    for (const thread of threads) {
      const c = await api.post(thread, input(), {idempotencyKey: key()});
      expect(c.threadId, thread).to.equal(thread);
      const page = await api.list(thread, {});
      expect(
        page.comments.map((x) => x.id),
        thread
      ).to.deep.equal([c.id]);
    }
    const counts = await api.count([...threads, `${id}-none`]);
    expect(counts).to.deep.equal(Object.fromEntries([...threads.map((t) => [t, 1]), [`${id}-none`, 0]]));
  });

  it('pages oldest first with an opaque nextCursor', async () => {
    const thread = uniqueThread();
    const posted = await postMany(thread, 5);
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await api.list(thread, {limit: 2, cursor});
      expect(page.total).to.equal(5);
      pages.push(page.comments.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      if (cursor !== undefined) expect(cursor).to.be.a('string').and.not.equal('');
    } while (cursor !== undefined && pages.length < 10);
    const ids = posted.map((c) => c.id);
    expect(pages).to.deep.equal([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
  });

  it('pages newest first', async () => {
    const thread = uniqueThread();
    const ids = (await postMany(thread, 3)).map((c) => c.id).reverse();
    const first = await api.list(thread, {limit: 2, sort: 'newest'});
    expect(first.comments.map((c) => c.id)).to.deep.equal(ids.slice(0, 2));
    expect(first.nextCursor).to.be.a('string');
    const second = await api.list(thread, {limit: 2, sort: 'newest', cursor: first.nextCursor!});
    expect(second.comments.map((c) => c.id)).to.deep.equal(ids.slice(2));
    expect(second.nextCursor).to.equal(null);
  });

  it('lists each top-level comment followed by its replies', async () => {
    const thread = uniqueThread();
    const a = await api.post(thread, input(), {idempotencyKey: key()});
    const b = await api.post(thread, input(), {idempotencyKey: key()});
    const reply = await api.post(thread, input(BODY, {parentId: a.id}), {idempotencyKey: key()});
    expect(reply.parentId).to.equal(a.id);
    const first = await api.list(thread, {limit: 1});
    expect(first.comments.map((c) => c.id)).to.deep.equal([a.id, reply.id]);
    expect(first.total).to.equal(3);
    const second = await api.list(thread, {limit: 1, cursor: first.nextCursor!});
    expect(second.comments.map((c) => c.id)).to.deep.equal([b.id]);
    const err = await failure(api.post(thread, input(BODY, {parentId: 'no-such-comment'}), {idempotencyKey: key()}));
    expect([err.code, err.field, err.status]).to.deep.equal(['invalid', 'parentId', 422]);
  });

  it('counts several threads at once', async () => {
    const [a, b] = [uniqueThread('a'), uniqueThread('b')];
    await postMany(a, 2);
    expect(await api.count([a, b])).to.deep.equal({[a]: 2, [b]: 0});
  });

  it('sends the Idempotency-Key, and one key creates one comment', async () => {
    const {calls, spy} = spyFetch();
    const adapter = new RestAdapter({endpoint: '/api/v1', fetch: spy});
    const thread = uniqueThread();
    const k = key();
    const first = await adapter.post(thread, input(), {idempotencyKey: k});
    const again = await adapter.post(thread, input(), {idempotencyKey: k});
    expect(calls.map((c) => c.headers.get('Idempotency-Key'))).to.deep.equal([k, k]);
    expect(calls.map((c) => c.headers.get('Content-Type'))).to.deep.equal(['application/json', 'application/json']);
    expect(calls.map((c) => c.status)).to.deep.equal([201, 200]);
    expect(again).to.deep.equal(first);
    expect((await api.list(thread, {})).total).to.equal(1);
    // A different key is a different comment.
    const other = await adapter.post(thread, input(), {idempotencyKey: key()});
    expect(other.id).to.not.equal(first.id);
    expect((await api.list(thread, {})).total).to.equal(2);
  });

  it('enforces the shared counting rule on the server', async () => {
    const thread = uniqueThread();
    const short = await failure(api.post(thread, input('a'.repeat(49)), {idempotencyKey: key()}));
    expect(short).to.be.instanceOf(ParleyError);
    expect([short.code, short.field, short.status]).to.deep.equal(['too_short', 'body', 422]);
    // Padding of white space and zero-width characters does not count.
    const padded = await failure(api.post(thread, input(` \u200b${'a'.repeat(49)}\ufeff\u200d `), {idempotencyKey: key()}));
    expect(padded.code).to.equal('too_short');
    const long = await failure(api.post(thread, input('a'.repeat(5001)), {idempotencyKey: key()}));
    expect([long.code, long.field]).to.deep.equal(['too_long', 'body']);
    // 👍🏽 is one user-perceived character of 4 UTF-16 units: 49 are too few, 50 and 5000 are
    // fine (a count of code units or code points would say otherwise).
    const fewEmoji = await failure(api.post(thread, input('👍🏽'.repeat(49)), {idempotencyKey: key()}));
    expect([fewEmoji.code, fewEmoji.field]).to.deep.equal(['too_short', 'body']);
    const emoji = await api.post(thread, input('👍🏽'.repeat(50)), {idempotencyKey: key()});
    expect(emoji.body).to.equal('👍🏽'.repeat(50));
    const most = await api.post(thread, input('👍🏽'.repeat(5000)), {idempotencyKey: key()});
    expect(most.body).to.equal('👍🏽'.repeat(5000));
    // e + combining acute is one character, and is stored in NFC.
    const accents = await api.post(thread, input('e\u0301'.repeat(50)), {idempotencyKey: key()});
    expect(accents.body).to.equal('\u00e9'.repeat(50));
    expect((await api.list(thread, {})).total).to.equal(3);
  });

  it('refuses a missing name and a missing idempotency key', async () => {
    const noName = await failure(api.post(uniqueThread(), {author: {name: ' \u200b '}, body: BODY}, {idempotencyKey: key()}));
    expect([noName.code, noName.field, noName.status]).to.deep.equal(['invalid', 'author.name', 422]);
    const noKey = await failure(api.post(uniqueThread(), input(), {idempotencyKey: ''}));
    expect([noKey.code, noKey.status]).to.deep.equal(['invalid', 400]);
  });

  it('the backend refuses malformed requests with 400 invalid', async () => {
    const url = `/api/v1/threads/${encodeURIComponent(uniqueThread())}/comments`;
    const attempts: [Record<string, string>, string][] = [
      [{'Content-Type': 'application/json'}, JSON.stringify(input())],
      [{'Content-Type': 'text/plain', 'Idempotency-Key': key()}, JSON.stringify(input())],
      [{'Content-Type': 'application/json', 'Idempotency-Key': key()}, '{"author": {'],
    ];
    for (const [headers, body] of attempts) {
      const response = await fetch(url, {method: 'POST', headers, body});
      expect(response.status).to.equal(400);
      expect((await response.json()).error.code).to.equal('invalid');
    }
  });
});

describe('RestAdapter maps backend faults to ParleyError codes', () => {
  const cases: [kind: string, code: string, extra: Record<string, unknown>][] = [
    ['e400', 'invalid', {status: 400}],
    ['e422', 'too_short', {status: 422, field: 'body'}],
    ['e429', 'rate_limited', {status: 429, retryAfter: 7}],
    ['e500', 'server', {status: 500}],
    ['html500', 'server', {status: 500}],
    ['html404', 'server', {status: 404}],
    ['e413', 'too_long', {status: 413}],
    ['truncated', 'bad_response', {}],
    ['wrong-shape', 'bad_response', {}],
    ['reset', 'network', {}],
  ];
  for (const [kind, code, extra] of cases) {
    it(`${kind} -> ${code}`, async () => {
      const adapter = faulty(kind);
      const errors = [
        await failure(adapter.post(uniqueThread(), input(), {idempotencyKey: key()})),
        await failure(adapter.list(uniqueThread(), {})),
      ];
      for (const err of errors) {
        expect(err).to.be.instanceOf(ParleyError);
        expect(err.code).to.equal(code);
        for (const [k, v] of Object.entries(extra)) expect(err[k], k).to.equal(v);
      }
    });
  }

  it('a malformed comment: a posted one is bad_response; in a page it is left out and named', async () => {
    const adapter = faulty('bad-comment');
    const err = await failure(adapter.post(uniqueThread(), input(), {idempotencyKey: key()}));
    expect([err.code, err.field]).to.deep.equal(['bad_response', 'comment.body']);
    const page = await adapter.list(uniqueThread(), {});
    expect(page).to.deep.equal({comments: [], nextCursor: null, total: 1});
    expect(leftOut(page)).to.deep.equal(['comments[0].body']);
  });

  it('refuses thread ids that cannot be a URL path segment, before any request', async () => {
    const adapter = new RestAdapter({endpoint: '/api/v1'});
    for (const thread of ['.', '..', '', 'half an emoji \uD83D']) {
      const err = await failure(adapter.list(thread, {}));
      expect([thread, err.code]).to.deep.equal([thread, 'invalid']);
    }
  });

  it('count: wrong shape, truncated JSON, 500 and reset', async () => {
    for (const [kind, code] of [
      ['wrong-shape', 'bad_response'],
      ['truncated', 'bad_response'],
      ['e500', 'server'],
      ['reset', 'network'],
    ]) {
      const err = await failure(faulty(kind).count([uniqueThread()]));
      expect([kind, err.code]).to.deep.equal([kind, code]);
    }
  });

  it('hang -> timeout after the configured time', async () => {
    const adapter = faulty('hang', 300);
    for (const call of [
      () => adapter.list(uniqueThread(), {}),
      () => adapter.post(uniqueThread(), input(), {idempotencyKey: key()}),
    ]) {
      const start = performance.now();
      const err = await failure(call());
      const elapsed = performance.now() - start;
      expect(err).to.be.instanceOf(ParleyError);
      expect(err.code).to.equal('timeout');
      expect(elapsed).to.be.within(250, 5000);
    }
  });

  it("a caller's AbortSignal rejects with the abort reason, not a ParleyError", async () => {
    const adapter = faulty('hang', 5000);
    const reason = new Error('reader left');
    const ac = new AbortController();
    setTimeout(() => ac.abort(reason), 50);
    expect(await failure(adapter.list(uniqueThread(), {}, {signal: ac.signal}))).to.equal(reason);

    const plain = new AbortController();
    setTimeout(() => plain.abort(), 50);
    const err = await failure(adapter.post(uniqueThread(), input(), {idempotencyKey: key(), signal: plain.signal}));
    expect(err).to.not.be.instanceOf(ParleyError);
    expect(err.name).to.equal('AbortError');

    // Already aborted: nothing is sent.
    const {calls, spy} = spyFetch();
    const early = await failure(
      new RestAdapter({endpoint: '/api/v1', fetch: spy}).count(['x'], {signal: AbortSignal.abort(reason)})
    );
    expect(early).to.equal(reason);
    expect(calls).to.have.length(0);
  });

  it('lost answer, then a retry with the same key: exactly one comment', async () => {
    const thread = uniqueThread('lost');
    const k = key();
    const lost = await failure(faulty('lost-answer').post(thread, input(), {idempotencyKey: k}));
    expect(lost.code).to.equal('network');
    // The server did create it although the client never heard.
    expect((await api.list(thread, {})).total).to.equal(1);
    const {calls, spy} = spyFetch();
    const retried = await new RestAdapter({endpoint: '/api/v1', fetch: spy}).post(thread, input(), {idempotencyKey: k});
    expect(calls.map((c) => c.status)).to.deep.equal([200]);
    const page = await api.list(thread, {});
    expect(page.total).to.equal(1);
    expect(page.comments.map((c) => c.id)).to.deep.equal([retried.id]);
  });
});

describe('RestAdapter author token', () => {
  it('keeps the token the backend gives with a post and sends it back', async () => {
    localStorage.removeItem('parley:author:/api/v1');
    const {calls, spy} = spyFetch();
    const adapter = new RestAdapter({endpoint: '/api/v1', fetch: spy});
    const thread = uniqueThread('author');
    await adapter.post(thread, input(), {idempotencyKey: key()});
    expect(calls[0].headers.has('X-Parley-Author')).to.equal(false);
    const token = localStorage.getItem('parley:author:/api/v1');
    expect(token).to.be.a('string').and.not.equal('');
    await adapter.list(thread, {});
    await adapter.post(thread, input(`${BODY} Again.`), {idempotencyKey: key()});
    expect(calls[1].headers.get('X-Parley-Author')).to.equal(token);
    expect(calls[2].headers.get('X-Parley-Author')).to.equal(token);
    expect(localStorage.getItem('parley:author:/api/v1')).to.equal(token);
  });
});

describe('RestAdapter sends no cookies', () => {
  interface Received {
    method: string;
    path: string;
    cookie: string | null;
  }
  const recordedOn = async (base: string, probe: string) => (await (await fetch(`${base}/${probe}/log`)).json()) as Received[];
  /** Which route of the contract a recorded path is. */
  const route = (r: Received) => `${r.method} ${/\/(comments|counts|events)$/.exec(r.path)?.[1] ?? r.path}`;

  /**
   * Sets a cookie that applies to `base`, makes every request of the contract to the
   * recorder there (test/server/cookies.mjs), which would take any cookie, and returns
   * what it received.
   */
  async function everyRequest(base: string, live: boolean): Promise<Received[]> {
    const probe = crypto.randomUUID();
    const cookie = `parley-probe-${probe}`;
    // Cookies are per host, not per port: this one applies to 127.0.0.1 on every port.
    document.cookie = `${cookie}=secret; path=/; SameSite=Lax`;
    const adapter = new RestAdapter({endpoint: `${base}/${probe}/api/v1`, live});
    try {
      // The recorder does receive the cookie when a request includes it.
      await fetch(`${base}/${probe}/control`, {credentials: 'include'});
      const [control] = await recordedOn(base, probe);
      expect(control.cookie).to.include(`${cookie}=secret`);

      const thread = uniqueThread('cookies');
      await adapter.list(thread, {});
      await adapter.post(thread, input(), {idempotencyKey: key()});
      expect(await adapter.count([thread])).to.deep.equal({[thread]: 1});
      if (live) {
        let opened!: () => void;
        const open = new Promise<void>((r) => (opened = r));
        const stop = adapter.subscribe(
          thread,
          () => {},
          (state) => state === 'live' && opened()
        );
        await open;
        stop();
      }
      return (await recordedOn(base, probe)).slice(1);
    } finally {
      document.cookie = `${cookie}=; path=/; max-age=0`;
      localStorage.removeItem(`parley:author:${adapter.endpoint}`);
    }
  }

  it('to a backend on another origin of the same site: list, post, counts and events', async () => {
    const {url} = (await (await fetch('/api/record/origin')).json()) as {url: string};
    expect(new URL(url).origin).to.not.equal(location.origin);
    const received = await everyRequest(url, true);
    expect(new Set(received.map(route))).to.include.all.keys('GET comments', 'POST comments', 'GET counts', 'GET events');
    expect(received.filter((r) => r.cookie !== null)).to.deep.equal([]);
  });

  // An EventSource cannot leave cookies out: to the page's own origin, the live stream carries them.
  it("to a backend on the page's own origin: list, post and counts", async () => {
    const received = await everyRequest(`${location.origin}/api/record`, false);
    expect(new Set(received.map(route))).to.include.all.keys('GET comments', 'POST comments', 'GET counts');
    expect(received.filter((r) => r.cookie !== null)).to.deep.equal([]);
  });
});

describe('RestAdapter: likes, edits, deletions, locating and update events', () => {
  /** One adapter whose next request goes to `/api/fault/lost-answer` (the backend does it; the answer is lost). */
  function losing() {
    let lose = false;
    const adapter = new RestAdapter({
      endpoint: '/api/v1',
      fetch: (url, init) => {
        const target = lose ? String(url).replace('/api/v1/', '/api/fault/lost-answer/') : url;
        lose = false;
        return fetch(target, init);
      },
    });
    return {adapter, loseNext: () => (lose = true)};
  }

  it('like, unlike, then like again with a lost answer and a retry: one like, liked by this reader', async () => {
    localStorage.removeItem('parley:author:/api/v1');
    const thread = uniqueThread('likes');
    const c = await api.post(thread, input(), {idempotencyKey: key()});
    localStorage.removeItem('parley:author:/api/v1');
    const {adapter, loseNext} = losing();
    expect(await adapter.react(thread, c.id, true)).to.deep.equal({likes: 1, liked: true});
    // The token was made here, before the first like, and kept.
    const token = localStorage.getItem('parley:author:/api/v1');
    expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(await adapter.react(thread, c.id, false)).to.deep.equal({likes: 0, liked: false});
    loseNext();
    expect((await failure(adapter.react(thread, c.id, true))).code).to.equal('network');
    expect(await adapter.react(thread, c.id, true)).to.deep.equal({likes: 1, liked: true});
    expect(localStorage.getItem('parley:author:/api/v1')).to.equal(token);
    const [seen] = (await adapter.list(thread, {})).comments;
    expect([seen.likes, seen.liked]).to.deep.equal([1, true]);
    expect(await adapter.react(thread, c.id, false)).to.deep.equal({likes: 0, liked: false});
    expect(await adapter.react(thread, c.id, false)).to.deep.equal({likes: 0, liked: false});
    expect((await failure(adapter.react(thread, 'no-such-id', true))).code).to.equal('not_found');
  });

  it('reports as this reader (a token made first when there is none); a repeat and a lost answer retried resolve the same; bad input is refused', async () => {
    const thread = uniqueThread('reports');
    const c = await api.post(thread, input(), {idempotencyKey: key()});
    localStorage.removeItem('parley:author:/api/v1');
    const {adapter, loseNext} = losing();
    // Each resolves (to nothing) when the backend recorded the report, now or before.
    await adapter.report(thread, c.id, 'abuse', 'Insults another reader.');
    expect(localStorage.getItem('parley:author:/api/v1')).to.match(/^[A-Za-z0-9_-]{43}$/);
    await adapter.report(thread, c.id, 'spam');
    loseNext();
    expect((await failure(adapter.report(thread, c.id, 'other'))).code).to.equal('network');
    await adapter.report(thread, c.id, 'other');
    expect((await failure(adapter.report(thread, 'no-such-id', 'spam'))).code).to.equal('not_found');
    const bad = await failure(adapter.report(thread, c.id, 'rude' as 'spam'));
    expect([bad.code, bad.field]).to.deep.equal(['invalid', 'reason']);
    expect((await failure(adapter.report(thread, c.id, 'spam', 'x'.repeat(501)))).code).to.equal('too_long');
  });

  it('edits with the secret (a lost answer retried is the same edit); a wrong secret is forbidden', async () => {
    const thread = uniqueThread('edit');
    const c = await api.post(thread, input(), {idempotencyKey: key()});
    const {adapter, loseNext} = losing();
    const text = `${BODY} Edited once.`;
    loseNext();
    expect((await failure(adapter.edit(thread, c.id, text, {secret: c.secret!}))).code).to.equal('network');
    const edited = await adapter.edit(thread, c.id, text, {secret: c.secret!});
    expect(edited.body).to.equal(text);
    expect(edited.editedAt).to.be.a('string');
    expect((await api.list(thread, {})).comments[0].body).to.equal(text);
    const wrong = await failure(adapter.edit(thread, c.id, `${text} Again.`, {secret: 'A'.repeat(43)}));
    expect([wrong.code, wrong.status]).to.deep.equal(['forbidden', 403]);
    expect((await failure(adapter.edit(thread, c.id, 'short', {secret: c.secret!}))).code).to.equal('too_short');
  });

  it('removes: a comment with replies leaves its placeholder, one without is gone (null), a lost answer retried is the same', async () => {
    const thread = uniqueThread('remove');
    const a = await api.post(thread, input(), {idempotencyKey: key()});
    const b = await api.post(thread, input(), {idempotencyKey: key()});
    const reply = await api.post(thread, input(BODY, {parentId: a.id}), {idempotencyKey: key()});
    const {adapter, loseNext} = losing();
    loseNext();
    expect((await failure(adapter.remove(thread, b.id, {secret: b.secret!}))).code).to.equal('network');
    expect(await adapter.remove(thread, b.id, {secret: b.secret!})).to.equal(null);
    const placeholder = await adapter.remove(thread, a.id, {secret: a.secret!});
    expect(placeholder).to.include({id: a.id, deleted: true, body: ''});
    const page = await api.list(thread, {});
    expect(page.comments.map((c) => c.id)).to.deep.equal([a.id, reply.id]);
    expect(page.total).to.equal(1);
    expect((await failure(adapter.edit(thread, a.id, `${BODY} Edited.`, {secret: a.secret!}))).code).to.equal('gone');
  });

  it('locates a reply: its top-level comment and how many come before it; an unknown one is null', async () => {
    const thread = uniqueThread('locate');
    const [first, second] = await postMany(thread, 2);
    const reply = await api.post(thread, input(BODY, {parentId: second.id}), {idempotencyKey: key()});
    const found = await api.locate(thread, reply.id, {sort: 'oldest'});
    expect(found).to.deep.include({rootId: second.id, before: 1});
    expect(found!.comment.id).to.equal(reply.id);
    expect((await api.locate(thread, first.id, {sort: 'newest'}))!.before).to.equal(1);
    expect(await api.locate(thread, 'no-such-id', {sort: 'oldest'})).to.equal(null);
  });

  it('sort=top lists the most liked first', async () => {
    const thread = uniqueThread('top');
    const [first, second] = await postMany(thread, 2);
    await api.react(thread, second.id, true);
    const page = await api.list(thread, {sort: 'top'});
    expect(page.comments.map((c) => c.id)).to.deep.equal([second.id, first.id]);
  });

  it('subscribe: an edit and a deletion arrive as new versions of the comment (same id)', async () => {
    const thread = uniqueThread('updates');
    const live = new RestAdapter({endpoint: '/api/v1', live: true});
    const heard: Comment[] = [];
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const stop = live.subscribe(
      thread,
      (c) => heard.push(c),
      (state) => state === 'live' && open()
    );
    try {
      await opened;
      const c = await api.post(thread, input(), {idempotencyKey: key()});
      const until = async (n: number) => {
        for (let i = 0; i < 100 && heard.length < n; i++) await new Promise((r) => setTimeout(r, 50));
        expect(heard.length).to.equal(n);
      };
      await until(1);
      await api.edit(thread, c.id, `${BODY} Edited live.`, {secret: c.secret!});
      await until(2);
      expect([heard[1].id, heard[1].body]).to.deep.equal([c.id, `${BODY} Edited live.`]);
      // One stream for every reader: no `liked`, so a client keeps the one it knows.
      expect(heard[1]).to.not.have.property('liked');
      expect(heard[1].likes).to.equal(0);
      await api.remove(thread, c.id, {secret: c.secret!});
      await until(3);
      expect(heard[2]).to.include({id: c.id, deleted: true});
    } finally {
      stop();
    }
  });

  it('against a v1-only backend (a page without features): nothing beyond v1 is offered', async () => {
    const thread = uniqueThread('v1');
    await api.post(thread, input(), {idempotencyKey: key()});
    // The same answers with what v1 does not have taken out.
    const v1 = new RestAdapter({
      endpoint: '/api/v1',
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        const {features: _features, ...page} = (await res.json()) as Record<string, any>;
        page.comments = page.comments.map(
          ({likes: _l, liked: _d, editedAt: _e, deleted: _x, ...c}: Record<string, unknown>) => c
        );
        return new Response(JSON.stringify(page), {status: res.status, headers: {'Content-Type': 'application/json'}});
      },
    });
    const page = await v1.list(thread, {});
    expect(page.features).to.equal(undefined);
    expect(page.comments[0]).to.not.have.any.keys('likes', 'liked', 'editedAt', 'deleted');
  });
});
