// The conformance suite of REST contract v1: behaviours and the bad-input suite, with every
// response checked against parley-contract's openapi.yaml. It only talks HTTP, so it runs
// against any backend:   npx parley-conformance http://127.0.0.1:8787/api/v1
//
// Every test uses threads of its own (random ids), so a backend with data in it is fine.
// Rate limits: a 429 it meets is checked (Retry-After) and waited out, for two minutes at
// most in all; run the backend with its limits raised to keep the suite fast.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {request as httpRequest} from 'node:http';
import {request as httpsRequest} from 'node:https';
import {describe, it} from 'node:test';
import type {TestContext} from 'node:test';
import {conformance, openapi, schemaErrors} from './openapi.js';
import {collectEvents} from './sse.js';
import {awkwardThreadIds} from 'parley-contract/samples';

const COMMENTS = '/threads/{thread}/comments';
const EVENTS = '/threads/{thread}/events';
const COUNTS = '/counts';
const COMMENT = '/threads/{thread}/comments/{id}';
const LIKE = '/threads/{thread}/comments/{id}/reactions/like';
const REPORTS = '/threads/{thread}/comments/{id}/reports';
/** Edit windows the suite waits out to see one pass (seconds). */
const MAX_WINDOW_WAIT = 3;
const enc = encodeURIComponent;
const key = () => randomUUID();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A parsed JSON answer: the suite reads whatever fields it checks. */
type Json = any;

/** An answer as the suite keeps it. */
export interface Answer {
  status: number;
  headers: Headers;
  json: Json;
  text: string;
}

interface CallOptions {
  /** The OpenAPI path template to check the answer against. */
  template?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ConformanceOptions {
  /** The backend's MIN_LENGTH (default 50). */
  minLength?: number;
  /** The backend's MAX_LENGTH (default 5000). */
  maxLength?: number;
  /** How long 429s may be waited out in all (default two minutes). */
  maxRateLimitWaitMs?: number;
  /**
   * Threads the backend has closed (by a moderator, or by their age): their pages must say
   * `closed: true` and posts to them must be refused with 403 `closed`. None: skipped.
   */
  closedThreads?: string[];
}

/** A post's answer as lists show it: without the secret only that answer carries. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const listed = ({secret, ...comment}: Json): Json => comment;
/** A post's answer as the event stream carries it: no secret, and no `liked` (the stream is every reader's). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const streamed = ({secret, liked, ...comment}: Json): Json => comment;
/** A page without its `features` and `lastEventId` (what contract v1 pages hold). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const plainPage = ({features, lastEventId, ...page}: Json): Json => page;

const parse = (text: string): Json => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Registers the suite with node:test.
 * @param base  the backend's base URL (the widget's `endpoint`)
 */
export function defineConformance(
  base: string,
  {minLength = 50, maxLength = 5000, maxRateLimitWaitMs = 120_000, closedThreads = []}: ConformanceOptions = {}
): void {
  base = base.replace(/\/+$/, '');
  const baseUrl = new URL(base);
  const BODY = 'A comment from the conformance suite, long enough for the minimum.'.padEnd(minLength + 10, '.');
  const input = (extra: Record<string, unknown> = {}) => ({author: {name: 'Conformance'}, body: BODY, ...extra});
  const thread = (label = 't') => `conformance/${label}/${randomUUID()}`;
  let rateWaited = 0;

  /** One request; the answer is checked against the OpenAPI document when `template` is given. */
  async function call(method: string, path: string, {template, headers = {}, body}: CallOptions = {}): Promise<Answer> {
    for (;;) {
      const res = await fetch(`${base}${path}`, {method, headers, body});
      const text = await res.text();
      const json = parse(text);
      if (template) {
        const problems = conformance(method.toLowerCase(), template, res, json);
        assert.deepEqual(problems, [], `${method} ${path} → ${res.status}: the answer does not conform`);
      }
      if (res.status === 429) {
        const wait = Number(res.headers.get('retry-after'));
        assert.ok(Number.isFinite(wait) && wait >= 0, '429 without a usable Retry-After');
        rateWaited += wait * 1000;
        if (rateWaited > maxRateLimitWaitMs) {
          assert.fail(
            `Rate limited for more than ${maxRateLimitWaitMs / 1000} s in all: raise the backend's rate limits for the suite.`
          );
        }
        await sleep(wait * 1000 + 50);
        continue;
      }
      return {status: res.status, headers: res.headers, json, text};
    }
  }

  /** A request whose path is sent byte for byte (fetch would resolve `%2E%2E` and such). */
  function raw(
    method: string,
    rawPath: string,
    {headers = {}, body}: {headers?: Record<string, string>; body?: string} = {}
  ): Promise<Answer> {
    if (body !== undefined) headers = {...headers, 'Content-Length': String(Buffer.byteLength(body))};
    const request = baseUrl.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        {method, host: baseUrl.hostname, port: baseUrl.port, path: `${baseUrl.pathname.replace(/\/+$/, '')}${rawPath}`, headers},
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, String(v));
            resolve({status: res.statusCode ?? 0, headers, json: parse(text), text});
          });
        }
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const post = (
    t: string,
    body: unknown,
    {idempotencyKey = key(), headers = {}}: {idempotencyKey?: string; headers?: Record<string, string>} = {}
  ) =>
    call('POST', `/threads/${enc(t)}/comments`, {
      template: COMMENTS,
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey, ...headers},
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });

  const list = (t: string, query = '') => call('GET', `/threads/${enc(t)}/comments${query}`, {template: COMMENTS});
  const counts = (threads: string[]) =>
    call('GET', `/counts?${threads.map((t) => `thread=${enc(t)}`).join('&')}`, {template: COUNTS});

  /** The event stream of `thr` (after `query`), what aborts it, and its events as they come. */
  async function stream(thr: string, query = '') {
    const ac = new AbortController();
    const res = await fetch(`${base}/threads/${enc(thr)}/events${query}`, {
      headers: {Accept: 'text/event-stream'},
      signal: ac.signal,
    });
    return {res, ac, ...(res.status === 200 ? collectEvents(res) : {events: [], ended: Promise.resolve()})};
  }
  /** True, with the test skipped, when the backend has no events route (it is optional). */
  async function noEvents(t: TestContext, res: Response): Promise<boolean> {
    if (res.status !== 404) return false;
    await res.body?.cancel();
    t.skip('this backend has no events route (it is optional)');
    return true;
  }
  /** The data of the `kind` events in `events`, once `n` of them came or 5 s passed. */
  async function eventsOf(events: {event?: string; data: string}[], kind: string, n = 1): Promise<Json[]> {
    const deadline = Date.now() + 5000;
    while (events.filter((e) => e.event === kind).length < n && Date.now() < deadline) await sleep(25);
    return events.filter((e) => e.event === kind).map((e) => JSON.parse(e.data));
  }

  async function created(t: string, body: unknown = input(), options?: {idempotencyKey?: string}): Promise<Json> {
    const res = await post(t, body, options);
    assert.equal(res.status, 201, `POST should create: ${res.text.slice(0, 300)}`);
    return res.json;
  }

  /** Asserts the thread has no comments at all (a refused request changed nothing). */
  async function untouched(t: string, expectedTotal = 0) {
    const page = await list(t);
    assert.equal(page.status, 200);
    assert.equal(page.json.total, expectedTotal, 'the refused request changed the thread');
    const c = await counts([t]);
    assert.equal(c.json.counts[t], expectedTotal);
  }

  let offered: Promise<Json> | undefined;
  /** What the backend's pages list in `features` (empty for a v1 backend). */
  const features = (): Promise<Json> => (offered ??= list(thread('features')).then((res) => res.json?.features ?? {}));
  /** Skips test `t` unless the backend offers `what`; true when it does. */
  async function offers(t: {skip: (reason: string) => void}, what: string, ok: (f: Json) => boolean): Promise<boolean> {
    const f = await features();
    if (ok(f)) return true;
    t.skip(`this backend does not offer ${what} (features: ${JSON.stringify(f)})`);
    return false;
  }
  const commentPath = (t: string, id: string, tail = '') => `/threads/${enc(t)}/comments/${enc(id)}${tail}`;
  const edit = (t: string, id: string, secret: string | null, body: unknown = {body: `${BODY} (edited)`}) =>
    call('PATCH', commentPath(t, id), {
      template: COMMENT,
      headers: {'Content-Type': 'application/json', ...(secret === null ? {} : {'X-Parley-Secret': secret})},
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const remove = (t: string, id: string, secret: string | null) =>
    call('DELETE', commentPath(t, id), {template: COMMENT, headers: secret === null ? {} : {'X-Parley-Secret': secret}});
  const react = (t: string, id: string, reader: string | null, like = true) =>
    call(like ? 'PUT' : 'DELETE', commentPath(t, id, '/reactions/like'), {
      template: LIKE,
      headers: reader === null ? {} : {'X-Parley-Author': reader},
    });
  const report = (t: string, id: string, reader: string | null, body: unknown = {reason: 'spam'}) =>
    call('PUT', commentPath(t, id, '/reports'), {
      template: REPORTS,
      headers: {'Content-Type': 'application/json', ...(reader === null ? {} : {'X-Parley-Author': reader})},
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const locate = (t: string, id: string, query = '') => call('GET', `${commentPath(t, id)}${query}`, {template: COMMENT});
  /** A reader token such as a widget makes: 32 random bytes, base64url. */
  const reader = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  const ids = (res: Answer): string[] => res.json.comments.map((c: Json) => c.id);

  /** Asserts a contract error: one of `statuses`, Error body, optional code and field. */
  function refused(res: Answer, {statuses = [400, 422], code, field}: {statuses?: number[]; code?: string; field?: string} = {}) {
    assert.ok(statuses.includes(res.status), `expected ${statuses.join('/')}, got ${res.status}: ${res.text.slice(0, 300)}`);
    assert.equal(schemaErrors('Error', res.json), null, `not an Error body: ${res.text.slice(0, 300)}`);
    if (code) assert.equal(res.json.error.code, code);
    if (field) assert.equal(res.json.error.field, field);
  }

  describe(`REST contract v1 conformance: ${base}`, () => {
    it('the OpenAPI document describes every route of contract v1', () => {
      assert.equal(openapi.openapi, '3.1.0');
      for (const path of [COMMENTS, EVENTS, COUNTS]) assert.ok(openapi.paths[path], path);
      for (const name of ['Comment', 'NewComment', 'Page', 'Error', 'Counts']) assert.ok(openapi.components.schemas[name], name);
    });

    describe('reading', () => {
      it('lists an empty thread', async () => {
        const res = await list(thread('empty'));
        assert.equal(res.status, 200);
        assert.deepEqual(plainPage(res.json), {comments: [], nextCursor: null, total: 0});
      });

      it('counts: every thread asked for, 0 for unknown ones; none asked, none answered', async () => {
        const [a, b] = [thread('count-a'), thread('count-b')];
        await created(a);
        await created(a);
        const res = await counts([a, b]);
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, {counts: {[a]: 2, [b]: 0}});
        const none = await call('GET', '/counts', {template: COUNTS});
        assert.deepEqual(none.json, {counts: {}});
      });

      it('refuses a bad limit, sort or cursor with 400', async () => {
        const t = thread('params');
        for (const q of ['?limit=0', '?limit=-1', '?limit=abc', '?sort=random', '?cursor=%E2%9C%93not-a-cursor', '?cursor=']) {
          refused(await list(t, q), {statuses: [400]});
        }
      });
    });

    describe('posting', () => {
      it('creates a comment and stores the text normalised (NFC, trimmed)', async () => {
        const t = thread('post');
        const body = `  \u200b${BODY} caf\u0065\u0301\ufeff\n `;
        const c = await created(t, input({body}));
        assert.equal(c.threadId, t);
        assert.equal(c.parentId, null);
        assert.equal(c.status === 'published' || c.status === 'pending', true);
        assert.equal(c.author.name, 'Conformance');
        assert.equal(c.body, `${BODY} caf\u00e9`);
        assert.ok(!Number.isNaN(Date.parse(c.createdAt)));
        const page = await list(t);
        if (c.status === 'published') assert.deepEqual(plainPage(page.json), {comments: [listed(c)], nextCursor: null, total: 1});
      });

      it('lists each top-level comment followed by its replies; total counts replies', async () => {
        const t = thread('replies');
        const a = await created(t);
        const b = await created(t);
        const r1 = await created(t, input({parentId: a.id}));
        const r2 = await created(t, input({parentId: r1.id}));
        assert.equal(r1.parentId, a.id);
        const page = await list(t);
        assert.deepEqual(
          page.json.comments.map((c: Json) => c.id),
          [a.id, r1.id, r2.id, b.id]
        );
        assert.equal(page.json.total, 4);
        const first = await list(t, '?limit=1');
        assert.deepEqual(
          first.json.comments.map((c: Json) => c.id),
          [a.id, r1.id, r2.id]
        );
        assert.equal(typeof first.json.nextCursor, 'string');
      });

      it('refuses a reply to a comment that is not in this thread (422 invalid, field parentId)', async () => {
        const other = await created(thread('elsewhere'));
        const t = thread('orphan');
        refused(await post(t, input({parentId: other.id})), {statuses: [422], code: 'invalid', field: 'parentId'});
        refused(await post(t, input({parentId: 'no-such-comment'})), {statuses: [422], code: 'invalid', field: 'parentId'});
        await untouched(t);
      });
    });

    describe('pagination', () => {
      it('pages oldest first with an opaque cursor, without gaps or repeats', async () => {
        const t = thread('pages');
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push((await created(t, input({body: `${BODY} #${i}`}))).id);
        const pages = [];
        let cursor = null;
        do {
          const res = await list(t, `?limit=2${cursor ? `&cursor=${enc(cursor)}` : ''}`);
          assert.equal(res.json.total, 5);
          pages.push(res.json.comments.map((c: Json) => c.id));
          cursor = res.json.nextCursor;
        } while (cursor && pages.length < 10);
        assert.deepEqual(pages, [ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
        // A comment posted while a reader pages does not shift the pages.
        const first = await list(t, '?limit=2');
        await created(t);
        const second = await list(t, `?limit=2&cursor=${enc(first.json.nextCursor)}`);
        assert.deepEqual(
          second.json.comments.map((c: Json) => c.id),
          ids.slice(2, 4)
        );
      });

      it('pages newest first', async () => {
        const t = thread('newest');
        const ids = [];
        for (let i = 0; i < 3; i++) ids.push((await created(t)).id);
        ids.reverse();
        const first = await list(t, '?limit=2&sort=newest');
        assert.deepEqual(
          first.json.comments.map((c: Json) => c.id),
          ids.slice(0, 2)
        );
        const second = await list(t, `?limit=2&sort=newest&cursor=${enc(first.json.nextCursor)}`);
        assert.deepEqual(
          second.json.comments.map((c: Json) => c.id),
          ids.slice(2)
        );
        assert.equal(second.json.nextCursor, null);
      });
    });

    describe('idempotency', () => {
      it('the same key returns the same comment and creates nothing new', async () => {
        const t = thread('idem');
        const k = key();
        const first = await post(t, input(), {idempotencyKey: k});
        assert.equal(first.status, 201);
        const again = await post(t, input(), {idempotencyKey: k});
        assert.ok([200, 201].includes(again.status));
        assert.deepEqual(again.json, first.json);
        assert.equal((await list(t)).json.total, 1);
        const other = await created(t);
        assert.notEqual(other.id, first.json.id);
        assert.equal((await list(t)).json.total, 2);
      });

      it('concurrent requests with one key create one comment', async () => {
        const t = thread('race');
        const k = key();
        const answers = await Promise.all(Array.from({length: 8}, () => post(t, input(), {idempotencyKey: k})));
        for (const a of answers) assert.ok([200, 201].includes(a.status), `status ${a.status}: ${a.text}`);
        assert.equal(new Set(answers.map((a) => a.json.id)).size, 1);
        assert.equal((await list(t)).json.total, 1);
      });

      it('refuses a missing Idempotency-Key with 400 and creates nothing', async () => {
        const t = thread('nokey');
        const res = await call('POST', `/threads/${enc(t)}/comments`, {
          template: COMMENTS,
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify(input()),
        });
        refused(res, {statuses: [400], code: 'invalid'});
        await untouched(t);
      });

      it('refuses a key reused for a different comment, and keeps the first', async () => {
        const t = thread('reuse');
        const k = key();
        const first = await created(t, input(), {idempotencyKey: k});
        const other = await post(t, input({body: `${BODY} but different`}), {idempotencyKey: k});
        refused(other, {statuses: [400, 409, 422]});
        const page = await list(t);
        assert.equal(page.json.total, 1);
        assert.equal(page.json.comments[0].body, first.body);
      });
    });

    describe('the counting rule (422 with the field named)', () => {
      it('too_short: padding of white space and zero-width characters does not count', async () => {
        const t = thread('short');
        refused(await post(t, input({body: 'a'.repeat(minLength - 1)})), {statuses: [422], code: 'too_short', field: 'body'});
        refused(await post(t, input({body: ` \u200b${'a'.repeat(minLength - 1)}\ufeff\u200d \n`})), {
          statuses: [422],
          code: 'too_short',
          field: 'body',
        });
        refused(await post(t, input({body: ' '.repeat(minLength + 5)})), {statuses: [422], code: 'too_short', field: 'body'});
        // Default-ignorable and blank characters count nowhere: a body that shows nothing is empty.
        for (const blank of ['\u200E', '\u00AD', '\u3164', '\u2800']) {
          refused(await post(t, input({body: blank.repeat(minLength + 5)})), {statuses: [422], code: 'too_short', field: 'body'});
        }
        refused(await post(t, input({body: `a${'\u200E'.repeat(minLength)}b`})), {
          statuses: [422],
          code: 'too_short',
          field: 'body',
        });
        await untouched(t);
      });

      it('too_long: one character over the maximum', async () => {
        const t = thread('long');
        refused(await post(t, input({body: 'a'.repeat(maxLength + 1)})), {statuses: [422, 413], code: 'too_long'});
        await untouched(t);
      });

      it('counts user-perceived characters: 👍🏽 and e + ◌́ are one each', async () => {
        const t = thread('graphemes');
        refused(await post(t, input({body: '👍🏽'.repeat(minLength - 1)})), {statuses: [422], code: 'too_short', field: 'body'});
        const emoji = await created(t, input({body: '👍🏽'.repeat(minLength)}));
        assert.equal(emoji.body, '👍🏽'.repeat(minLength));
        const accents = await created(t, input({body: 'e\u0301'.repeat(minLength)}));
        assert.equal(accents.body, '\u00e9'.repeat(minLength));
        assert.equal((await list(t)).json.total, 2);
      });

      it('names: empty or invisible is invalid, longer than 80 characters is too_long', async () => {
        const t = thread('names');
        for (const name of [' \u200b ', '\u3164', '\u200E\u2800\u00AD']) {
          refused(await post(t, {author: {name}, body: BODY}), {statuses: [422], code: 'invalid', field: 'author.name'});
        }
        refused(await post(t, {author: {name: 'n'.repeat(81)}, body: BODY}), {
          statuses: [422],
          code: 'too_long',
          field: 'author.name',
        });
        refused(await post(t, {body: BODY}), {statuses: [400, 422], code: 'invalid'});
        const ok = await created(t, {author: {name: '👩🏽‍💻'.repeat(80)}, body: BODY});
        assert.equal(ok.author.name, '👩🏽‍💻'.repeat(80));
      });

      it('wrong types are invalid', async () => {
        const t = thread('types');
        for (const body of [
          {author: {name: 'A'}, body: 42},
          {author: {name: 42}, body: BODY},
          {author: 'A', body: BODY},
          {author: {name: 'A'}, body: BODY, parentId: 7},
        ]) {
          refused(await post(t, body), {statuses: [400, 422], code: 'invalid'});
        }
        await untouched(t);
      });
    });

    describe('thread ids round-trip', () => {
      it('slashes, spaces, dots, reserved characters, percent signs and unicode', async () => {
        const id = randomUUID();
        const threads = awkwardThreadIds(id);
        for (const t of threads) {
          const c = await created(t);
          assert.equal(c.threadId, t, t);
          const page = await list(t);
          assert.deepEqual(
            page.json.comments.map((x: Json) => x.id),
            [c.id],
            t
          );
        }
        const res = await counts([...threads, `${id}-none`]);
        assert.deepEqual(res.json.counts, Object.fromEntries([...threads.map((t) => [t, 1]), [`${id}-none`, 0]]));
      });
    });

    describe('live events', () => {
      it('an events stream delivers a posted comment as `event: comment`', async (t) => {
        const thr = thread('live');
        const {res, ac, events, ended} = await stream(thr);
        if (await noEvents(t, res)) return;
        try {
          assert.equal(res.status, 200);
          assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
          // Another thread's comment must not arrive on this stream.
          await created(thread('live-other'));
          await sleep(100);
          const c = await created(thr);
          const comments = await eventsOf(events, 'comment');
          if (c.status === 'published') {
            assert.equal(comments.length, 1, 'exactly one comment event (for this thread)');
            assert.equal(schemaErrors('Comment', comments[0]), null);
            assert.deepEqual(comments[0], streamed(c));
          }
          ac.abort();
          await ended;
        } finally {
          ac.abort();
        }
      });

      it('a stream opened with a page’s `lastEventId` first sends what was published after that page was read', async (t) => {
        const thr = thread('live-from');
        await created(thr);
        const page = await list(thr);
        const from = (page.json as {lastEventId?: unknown}).lastEventId;
        if (from === undefined) {
          t.skip('this backend’s pages carry no lastEventId (it is optional)');
          return;
        }
        assert.equal(typeof from, 'string', 'lastEventId is a string');
        const later = await created(thr); // after the page, before the stream
        if (later.status !== 'published') {
          t.skip('comments await moderation here: nothing is streamed');
          return;
        }
        const {res, ac, events} = await stream(thr, `?lastEventId=${encodeURIComponent(from as string)}`);
        if (await noEvents(t, res)) return;
        try {
          const ids = (await eventsOf(events, 'comment')).map((e) => e.id);
          assert.deepEqual(ids, [later.id], 'the comment published after the page, and not the one it had');
        } finally {
          ac.abort();
        }
      });
    });

    describe('beyond v1: what the page lists in features (each skipped where not offered)', () => {
      it('edit with the secret: wrong or missing secret 403 forbidden, the counting rule, other thread 404; a retry is the same edit', async (t) => {
        if (!(await offers(t, 'edits (editWindow)', (f) => Number.isInteger(f.editWindow)))) return;
        const thr = thread('edit');
        const c = await created(thr);
        assert.match(c.secret, /^[A-Za-z0-9_-]{43}$/, 'a post answer carries the secret where editWindow is offered');
        refused(await edit(thr, c.id, null), {statuses: [403], code: 'forbidden'});
        refused(await edit(thr, c.id, reader()), {statuses: [403], code: 'forbidden'});
        refused(await edit(thr, c.id, c.secret, {body: 'a'.repeat(minLength - 1)}), {
          statuses: [422],
          code: 'too_short',
          field: 'body',
        });
        refused(await edit(thr, c.id, c.secret, {body: 'a'.repeat(maxLength + 1)}), {statuses: [422, 413], code: 'too_long'});
        refused(await edit(thr, c.id, c.secret, {body: BODY, status: 'published'}), {statuses: [400, 422], code: 'invalid'});
        refused(await edit(thr, c.id, c.secret, '{"body": '), {statuses: [400], code: 'invalid'});
        refused(await edit(thread('other'), c.id, c.secret), {statuses: [404], code: 'not_found'});
        refused(await edit(thr, `${c.id}-none`, c.secret), {statuses: [404], code: 'not_found'});
        assert.equal((await list(thr)).json.comments[0].body, c.body, 'a refused edit changed the comment');
        const done = await edit(thr, c.id, c.secret);
        assert.equal(done.status, 200, done.text);
        assert.equal(done.json.body, `${BODY} (edited)`);
        assert.ok(!Number.isNaN(Date.parse(done.json.editedAt)), 'editedAt is set');
        const again = await edit(thr, c.id, c.secret);
        assert.equal(again.status, 200);
        assert.deepEqual(again.json, done.json, 'the same text again is the same answer');
        const page = await list(thr);
        assert.deepEqual([page.json.comments[0].body, page.json.comments[0].editedAt], [done.json.body, done.json.editedAt]);
      });

      it('delete with the secret: 204 without replies, a placeholder with them; repeats answer the same; a deleted comment is gone', async (t) => {
        if (!(await offers(t, 'deletions (editWindow)', (f) => Number.isInteger(f.editWindow)))) return;
        const thr = thread('delete');
        const a = await created(thr);
        const b = await created(thr);
        const reply = await created(thr, input({parentId: a.id}));
        refused(await remove(thr, b.id, null), {statuses: [403], code: 'forbidden'});
        refused(await remove(thr, b.id, a.secret), {statuses: [403], code: 'forbidden'});
        refused(await remove(thread('other'), b.id, b.secret), {statuses: [404], code: 'not_found'});
        assert.equal((await remove(thr, b.id, b.secret)).status, 204);
        assert.equal(
          (await remove(thr, b.id, b.secret)).status,
          204,
          'a repeat (a retry after a lost answer) is answered the same'
        );
        const placeholder = await remove(thr, a.id, a.secret);
        assert.equal(placeholder.status, 200, placeholder.text);
        assert.deepEqual(
          [placeholder.json.id, placeholder.json.deleted, placeholder.json.body, placeholder.json.author.name],
          [a.id, true, '', '']
        );
        assert.deepEqual((await remove(thr, a.id, a.secret)).json, placeholder.json);
        const page = await list(thr);
        assert.deepEqual(ids(page), [a.id, reply.id], 'the placeholder stays in place, the other is gone');
        assert.equal(page.json.total, 1, 'a placeholder is not counted');
        assert.equal((await counts([thr])).json.counts[thr], 1);
        refused(await edit(thr, a.id, a.secret), {statuses: [410], code: 'gone'});
        refused(await edit(thr, b.id, b.secret), {statuses: [410], code: 'gone'});
      });

      it('the edit window passes: 403 expired', async (t) => {
        const f = await features();
        if (!Number.isInteger(f.editWindow)) {
          t.skip('this backend does not offer edits (editWindow)');
          return;
        }
        if (f.editWindow > MAX_WINDOW_WAIT) {
          t.skip(`its edit window (${f.editWindow} s) is too long to wait for; run it with one of ${MAX_WINDOW_WAIT} s or less`);
          return;
        }
        const thr = thread('window');
        const c = await created(thr);
        await sleep(f.editWindow * 1000 + 500);
        refused(await edit(thr, c.id, c.secret), {statuses: [403], code: 'expired'});
        refused(await remove(thr, c.id, c.secret), {statuses: [403], code: 'expired'});
        assert.equal((await list(thr)).json.comments[0].body, c.body);
      });

      it('likes: one per reader; like twice is one, unlike twice is none; liked for the reader; no token 400; unknown 404', async (t) => {
        if (!(await offers(t, 'reactions', (f) => f.reactions === true))) return;
        const thr = thread('likes');
        const c = await created(thr);
        const [ann, bo] = [reader(), reader()];
        refused(await react(thr, c.id, null), {statuses: [400], code: 'invalid'});
        refused(await react(thr, c.id, 'not-a-token'), {statuses: [400], code: 'invalid'});
        assert.deepEqual((await react(thr, c.id, ann)).json, {likes: 1, liked: true});
        assert.deepEqual((await react(thr, c.id, ann)).json, {likes: 1, liked: true}, 'reacting twice is one like');
        assert.deepEqual((await react(thr, c.id, bo)).json, {likes: 2, liked: true});
        const page = await call('GET', `/threads/${enc(thr)}/comments`, {template: COMMENTS, headers: {'X-Parley-Author': ann}});
        assert.deepEqual([page.json.comments[0].likes, page.json.comments[0].liked], [2, true]);
        assert.equal((await list(thr)).json.comments[0].liked ?? false, false, 'liked is the reader’s own');
        assert.deepEqual((await react(thr, c.id, ann, false)).json, {likes: 1, liked: false});
        assert.deepEqual((await react(thr, c.id, ann, false)).json, {likes: 1, liked: false}, 'unliking twice is none');
        refused(await react(thr, `${c.id}-none`, ann), {statuses: [404], code: 'not_found'});
        refused(await react(thread('other'), c.id, ann), {statuses: [404], code: 'not_found'});
        if (Number.isInteger((await features()).editWindow)) {
          await remove(thr, c.id, c.secret);
          refused(await react(thr, c.id, ann), {statuses: [404, 410]});
        }
      });

      it('reports: one per reader (twice answers the same); bad reason, unknown fields, no token 400; unknown comment 404', async (t) => {
        if (!(await offers(t, 'reports', (f) => f.reports === true))) return;
        const thr = thread('reports');
        const c = await created(thr);
        const [ann, bo] = [reader(), reader()];
        refused(await report(thr, c.id, null), {statuses: [400], code: 'invalid'});
        refused(await report(thr, c.id, 'not-a-token'), {statuses: [400], code: 'invalid'});
        refused(await report(thr, c.id, ann, {reason: 'boring'}), {statuses: [400, 422], code: 'invalid'});
        refused(await report(thr, c.id, ann, {}), {statuses: [400, 422], code: 'invalid'});
        refused(await report(thr, c.id, ann, {reason: 'spam', extra: true}), {statuses: [400, 422], code: 'invalid'});
        refused(await report(thr, c.id, ann, '{"reason": '), {statuses: [400], code: 'invalid'});
        refused(await report(thr, c.id, ann, {reason: 'spam', note: 'x'.repeat(501)}), {statuses: [400, 413, 422]});
        refused(await report(thr, `${c.id}-none`, ann), {statuses: [404], code: 'not_found'});
        refused(await report(thread('other'), c.id, ann), {statuses: [404], code: 'not_found'});
        const first = await report(thr, c.id, ann, {reason: 'abuse', note: 'Insults another reader.'});
        assert.equal(first.status, 200, first.text);
        assert.deepEqual(first.json, {reported: true});
        const again = await report(thr, c.id, ann, {reason: 'spam'});
        assert.deepEqual([again.status, again.json], [200, {reported: true}], 'a second report of the reader answers the same');
        for (const reason of ['spam', 'abuse', 'off_topic', 'other'])
          assert.equal((await report(thr, c.id, reader(), {reason})).status, 200, reason);
        assert.equal((await report(thr, c.id, bo, {reason: 'other', note: null})).status, 200);
        if (Number.isInteger((await features()).editWindow)) {
          await remove(thr, c.id, c.secret);
          refused(await report(thr, c.id, reader()), {statuses: [404, 410]});
        }
      });

      it('sort=top: most liked first, then oldest, paged without skips or repeats', async (t) => {
        if (!(await offers(t, 'sort=top', (f) => Array.isArray(f.sorts) && f.sorts.includes('top')))) return;
        if (!(await offers(t, 'reactions', (f) => f.reactions === true))) return;
        const thr = thread('top');
        const made = [];
        for (let i = 0; i < 4; i++) made.push((await created(thr, input({body: `${BODY} #${i}`}))).id);
        for (const r of [reader(), reader()]) await react(thr, made[2], r);
        await react(thr, made[1], reader());
        const expected = [made[2], made[1], made[0], made[3]];
        assert.deepEqual(ids(await list(thr, '?sort=top')), expected);
        const pages: string[] = [];
        let cursor: string | null = null;
        do {
          const res: Answer = await list(thr, `?sort=top&limit=1${cursor ? `&cursor=${enc(cursor)}` : ''}`);
          pages.push(...ids(res));
          cursor = res.json.nextCursor;
        } while (cursor && pages.length < 10);
        assert.deepEqual(pages, expected);
      });

      it('locate: the comment, its top-level comment and how many come before it; unknown 404 not_found', async (t) => {
        if (!(await offers(t, 'locate', (f) => f.locate === true))) return;
        const thr = thread('locate');
        const a = await created(thr);
        const b = await created(thr);
        const reply = await created(thr, input({parentId: b.id}));
        const found = await locate(thr, reply.id);
        assert.equal(found.status, 200, found.text);
        assert.deepEqual([found.json.comment.id, found.json.rootId, found.json.before], [reply.id, b.id, 1]);
        assert.equal((await locate(thr, a.id, '?sort=newest')).json.before, 1);
        refused(await locate(thr, `${a.id}-none`), {statuses: [404], code: 'not_found'});
        refused(await locate(thread('other'), a.id), {statuses: [404], code: 'not_found'});
      });

      it('update events: an edit and a deletion reach the stream as `event: update`', async (t) => {
        if (!(await offers(t, 'update events with edits', (f) => f.updates === true && Number.isInteger(f.editWindow)))) return;
        const thr = thread('updates');
        const {res, ac, events} = await stream(thr);
        try {
          assert.equal(res.status, 200);
          await sleep(100);
          const c = await created(thr);
          const edited = (await edit(thr, c.id, c.secret)).json;
          await remove(thr, c.id, c.secret);
          const updates = await eventsOf(events, 'update', 2);
          assert.equal(updates.length, 2, 'one update for the edit, one for the deletion');
          for (const u of updates) assert.equal(schemaErrors('Comment', u), null);
          assert.deepEqual([updates[0].id, updates[0].body], [c.id, edited.body]);
          assert.deepEqual([updates[1].id, updates[1].deleted], [c.id, true]);
        } finally {
          ac.abort();
        }
      });
    });

    describe('closed threads (given with --closed-thread)', () => {
      it('a closed thread: its page says closed: true, and a post or a reply is refused with 403 closed, storing nothing', async (t) => {
        if (!closedThreads.length) {
          t.skip('no closed thread given (close one, or let one age past its auto-close, and pass --closed-thread ID)');
          return;
        }
        for (const thr of closedThreads) {
          const page = await list(thr);
          assert.equal(page.status, 200);
          assert.equal(page.json.closed, true, `${thr}: the page says closed`);
          const total = page.json.total;
          refused(await post(thr, input()), {statuses: [403], code: 'closed'});
          const parent = page.json.comments[0];
          if (parent) refused(await post(thr, input({parentId: parent.id})), {statuses: [403], code: 'closed'});
          await untouched(thr, total);
        }
      });

      it('an open thread says nothing of closing', async () => {
        const thr = thread('open');
        await created(thr);
        assert.equal((await list(thr)).json.closed, undefined);
      });
    });

    describe('bad input changes nothing', () => {
      it('malformed JSON, an empty body, JSON that is not an object, very deep nesting: 400', async () => {
        const t = thread('badjson');
        for (const body of [
          '{"author": {',
          '',
          'null',
          '[]',
          '"text"',
          '42',
          '{"author":{"name":"A"},"body":"x"}}',
          '['.repeat(40000) + ']'.repeat(40000),
        ]) {
          refused(await post(t, body), {statuses: [400, 422], code: 'invalid'});
        }
        await untouched(t);
      });

      it('wrong content type: 400 (or 415)', async () => {
        const t = thread('ctype');
        const json = JSON.stringify(input());
        for (const type of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        ]) {
          const res = await call('POST', `/threads/${enc(t)}/comments`, {
            headers: {'Content-Type': type, 'Idempotency-Key': key()},
            body: json,
          });
          refused(res, {statuses: [400, 415]});
        }
        // No content type at all (a Uint8Array body gets none from fetch).
        const bare = await call('POST', `/threads/${enc(t)}/comments`, {
          headers: {'Idempotency-Key': key()},
          body: new TextEncoder().encode(json),
        });
        refused(bare, {statuses: [400, 415]});
        await untouched(t);
      });

      it('a huge body: 413', async () => {
        const t = thread('huge');
        const res = await post(t, JSON.stringify(input({body: 'a'.repeat(2 * 1024 * 1024)})));
        refused(res, {statuses: [413]});
        await untouched(t);
      });

      it('unknown fields: 400 invalid, naming the field', async () => {
        const t = thread('unknown');
        refused(await post(t, {...input(), isAdmin: true}), {statuses: [400, 422], code: 'invalid', field: 'isAdmin'});
        refused(await post(t, {author: {name: 'A', role: 'admin'}, body: BODY}), {
          statuses: [400, 422],
          code: 'invalid',
          field: 'author.role',
        });
        refused(await post(t, {...input(), status: 'published', id: 'chosen-id'}), {statuses: [400, 422], code: 'invalid'});
        await untouched(t);
      });

      it('invalid UTF-8 and lone surrogates: 4xx', async () => {
        const t = thread('utf8');
        const prefix = Buffer.from(`{"author":{"name":"A"},"body":"${BODY}`);
        for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
          const body = Buffer.concat([prefix, Buffer.from(bad), Buffer.from('"}')]);
          refused(await post(t, new Uint8Array(body)), {statuses: [400, 422], code: 'invalid'});
        }
        refused(await post(t, `{"author":{"name":"A"},"body":"${BODY}\\ud800"}`), {statuses: [400, 422], code: 'invalid'});
        await untouched(t);
      });

      it('SQL-ish and HTML strings are stored verbatim and break nothing', async () => {
        const witness = thread('witness');
        const kept = await created(witness);
        const t = thread(`sql'"; DROP TABLE comments; --`);
        const nasty = [
          `'); DROP TABLE comments; -- ${BODY}`,
          `' OR '1'='1' UNION SELECT * FROM idempotency_keys -- ${BODY}`,
          `<script>alert(document.cookie)</script><img src=x onerror=alert(1)> ${BODY}`,
          `\\'; \\"; \\\\; %s %n {{7*7}} \${7*7} ${BODY}`,
        ];
        for (const body of nasty) {
          const c = await created(t, {author: {name: `Robert'); DROP TABLE threads;--`}, body});
          assert.equal(c.body, body);
          assert.equal(c.author.name, `Robert'); DROP TABLE threads;--`);
        }
        const page = await list(t);
        assert.deepEqual(
          page.json.comments.map((c: Json) => c.body),
          nasty
        );
        const still = await list(witness);
        assert.deepEqual(still.json.comments, [listed(kept)]);
      });

      it('path traversal in thread ids reads no file and touches no other thread', async () => {
        const id = randomUUID();
        // An encoded "../../etc" is an ordinary (opaque) thread id, or refused.
        const t = `../../etc/${id}`;
        const res = await post(t, input());
        if (res.status === 201) {
          assert.equal(res.json.threadId, t);
          assert.deepEqual(
            (await list(t)).json.comments.map((c: Json) => c.id),
            [res.json.id]
          );
        } else {
          refused(res, {statuses: [400, 404, 422]});
        }
        for (const path of [
          '/threads/..%2F..%2F..%2F..%2Fetc%2Fpasswd/comments',
          '/threads/%2e%2e%2f%2e%2e%2fetc%2fpasswd/comments',
        ]) {
          const r = await raw('GET', path);
          assert.ok(r.status === 200 || (r.status >= 400 && r.status < 500), `${path}: ${r.status}`);
          assert.doesNotMatch(r.text, /root:.*:0:0:/);
          if (r.status === 200) assert.equal(schemaErrors('Page', r.json), null);
        }
        // Dot segments that a URL parser resolves never reach a thread: 4xx, never a file.
        for (const path of [
          '/threads/%2E%2E/comments',
          '/threads/../comments',
          '/threads/%2e/comments',
          '/threads/../../../../etc/passwd',
        ]) {
          const r = await raw('GET', path);
          assert.ok(r.status >= 400 && r.status < 500, `${path}: ${r.status}`);
          assert.doesNotMatch(r.text, /root:.*:0:0:/);
          const p = await raw('POST', path, {
            headers: {'Content-Type': 'application/json', 'Idempotency-Key': key()},
            body: JSON.stringify(input()),
          });
          assert.ok(p.status >= 400 && p.status < 500, `POST ${path}: ${p.status}`);
        }
      });

      it('thread ids that are not well-formed: 4xx', async () => {
        for (const segment of ['%FF', '%ED%A0%80', '%C3', '%zz', 'abc%']) {
          const r = await raw('GET', `/threads/${segment}/comments`);
          assert.ok(r.status === 400 || r.status === 404, `${segment}: ${r.status}`);
          const p = await raw('POST', `/threads/${segment}/comments`, {
            headers: {'Content-Type': 'application/json', 'Idempotency-Key': key()},
            body: JSON.stringify(input()),
          });
          assert.ok(p.status === 400 || p.status === 404, `POST ${segment}: ${p.status}`);
        }
        // Control characters: refused, or kept exactly.
        const t = `ctl\u0000\n${randomUUID()}`;
        const res = await post(t, input());
        if (res.status === 201) assert.equal(res.json.threadId, t);
        else refused(res, {statuses: [400, 404, 422]});
      });

      it('a request to a route the contract has not, or a wrong method: 4xx', async () => {
        const t = thread('method');
        for (const method of ['PUT', 'PATCH', 'DELETE']) {
          const r = await raw(method, `/threads/${enc(t)}/comments`, {
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify(input()),
          });
          assert.ok(r.status === 404 || r.status === 405, `${method}: ${r.status}`);
        }
        await untouched(t);
      });
    });
  });
}
