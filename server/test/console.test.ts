// The publisher's console on the server side, on SQLite and PostgreSQL, in-process: its
// sessions (sign-in, expiry, sign-out, fixation, CSRF, wrong tokens throttled), its queue
// (counts, search, thread filter, order, parents), bulk actions, two moderators at once,
// the audit log, and the page's headers.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {schemaErrors} from '../src/conformance/openapi.js';
import {ADMIN_FAILURES_PER_MINUTE} from '../src/routes/admin.js';
import {openStorage} from '../src/storage/index.js';
import type {Storage} from '../src/storage/index.js';
import type {PostgresStorage} from '../src/storage/postgres.js';
import type {SqliteStorage} from '../src/storage/sqlite.js';
import {BODY, databases, enc, inProcess, testConfig, thread} from './helpers.js';
import type {Answer} from './helpers.js';

const ADMIN_TOKEN = 'console-admin-token-0123456789';

/** Makes every session of the database expire a second ago. */
async function expireSessions(storage: Storage): Promise<void> {
  const past = new Date(Date.now() - 1000);
  if (storage.kind === 'sqlite') {
    (storage as SqliteStorage).db.prepare('UPDATE admin_sessions SET expires_at = ?').run(past.toISOString());
  } else {
    await (storage as PostgresStorage).pool.query('UPDATE admin_sessions SET expires_at = $1', [past]);
  }
}

/** `name=value` of the Set-Cookie header, and its attributes. */
function cookieOf(res: Answer): {pair: string; value: string; attributes: string} {
  const header = res.headers.get('set-cookie') ?? '';
  const m = /^(parley_admin)=([^;]*)(.*)$/.exec(header);
  assert.ok(m, `no session cookie in ${JSON.stringify(header)}`);
  return {pair: `${m[1]}=${m[2]}`, value: m[2], attributes: m[3]};
}

for (const db of databases) {
  describe(`console: ${db.name}`, {skip: db.skip}, () => {
    let api: ReturnType<typeof inProcess>;
    let cleanup: () => Promise<void>;
    before(async () => {
      const fresh = db.env();
      cleanup = fresh.cleanup;
      const env = {MODERATION: 'pending', ADMIN_TOKEN, ...fresh.env};
      api = inProcess(env, {storage: await openStorage(testConfig(env))});
    });
    after(async () => {
      await api.close();
      await cleanup();
    });

    /** A session: its cookie, and requests made with it (and its CSRF token unless told otherwise). */
    async function signIn(headers: Record<string, string> = {}) {
      const res = await api.call('POST', '/admin/session', {body: {token: ADMIN_TOKEN}, headers});
      assert.equal(res.status, 201, res.text);
      const cookie = cookieOf(res);
      const csrf = res.json.csrfToken as string;
      const as = (
        method: string,
        path: string,
        {body, csrfToken = csrf, extra = {}}: {body?: unknown; csrfToken?: string | null; extra?: Record<string, string>} = {}
      ) =>
        api.call(method, `/admin${path}`, {
          body,
          headers: {Cookie: cookie.pair, ...(csrfToken ? {'X-Parley-CSRF': csrfToken} : {}), ...extra},
        });
      return {res, cookie, csrf, as};
    }

    async function pending(t: string, body = BODY, name = 'Ann') {
      const res = await api.post(t, {author: {name, email: `${name.toLowerCase()}@example.org`}, body});
      assert.equal(res.status, 201);
      return res;
    }

    it('signing in gives an HttpOnly, SameSite=Strict session cookie with an expiry, scoped to the admin API', async () => {
      const {res, cookie} = await signIn();
      assert.equal(schemaErrors('AdminSession', res.json), null);
      assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
      assert.match(cookie.attributes, /; Max-Age=43200/);
      assert.match(cookie.attributes, /; Path=\/api\/v1\/admin/);
      assert.match(cookie.attributes, /; HttpOnly/);
      assert.match(cookie.attributes, /; SameSite=Strict/);
      assert.doesNotMatch(cookie.attributes, /Secure/, 'plain HTTP: not Secure, or the browser would drop it');
      const left = Date.parse(res.json.expiresAt) - Date.now();
      assert.ok(left > 11.9 * 3600_000 && left <= 12 * 3600_000, `expires in ${left} ms`);
      assert.match(res.json.actor, /^session [0-9a-f]{8}$/);
      // The id itself is never what the answer or the audit log shows.
      assert.ok(!res.text.includes(cookie.value));
    });

    it('over HTTPS (behind a trusted proxy) the cookie is Secure', async () => {
      const env = {ADMIN_TOKEN, TRUST_PROXY: '1', DATA_DIR: ':memory:'};
      const behind = inProcess(env);
      try {
        const res = await behind.call('POST', '/admin/session', {
          body: {token: ADMIN_TOKEN},
          headers: {'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9'},
        });
        assert.equal(res.status, 201);
        assert.match(cookieOf(res).attributes, /; Secure/);
        // Without a trusted proxy the header is anyone's to forge: ignored.
        const direct = await api.call('POST', '/admin/session', {
          body: {token: ADMIN_TOKEN},
          headers: {'X-Forwarded-Proto': 'https'},
        });
        assert.doesNotMatch(cookieOf(direct).attributes, /Secure/);
      } finally {
        await behind.close();
      }
    });

    it('a session reads the session and the queue; the bearer API works unchanged beside it', async () => {
      const t = thread('console-read');
      const made = await pending(t);
      const {as, csrf} = await signIn();
      const session = await as('GET', '/session', {csrfToken: null});
      assert.equal(session.status, 200);
      assert.equal(session.json.csrfToken, csrf);
      const queue = await as('GET', `/queue?thread=${enc(t)}`, {csrfToken: null});
      assert.equal(queue.status, 200, queue.text);
      assert.equal(schemaErrors('AdminQueuePage', queue.json), null);
      assert.deepEqual(
        queue.json.comments.map((c: {id: string}) => c.id),
        [made.json.id]
      );
      assert.equal(queue.json.comments[0].author.email, 'ann@example.org');
      assert.deepEqual(queue.json.counts, {pending: 1, published: 0, rejected: 0, reported: 0});
      const bearer = await api.admin('GET', `/queue?thread=${enc(t)}`, ADMIN_TOKEN);
      assert.equal(bearer.status, 200);
      assert.equal((await api.admin('GET', `/comments?thread=${enc(t)}`, ADMIN_TOKEN)).json.comments.length, 1);
      // Without either: 401.
      assert.equal((await api.admin('GET', '/queue', null)).status, 401);
    });

    it('CSRF: a state-changing request with the cookie needs the session’s own token and a same-origin fetch', async () => {
      const t = thread('console-csrf');
      const made = await pending(t);
      const one = await signIn();
      const other = await signIn();
      const approve = `/comments/${made.json.id}/approve`;
      const none = await one.as('POST', approve, {csrfToken: null});
      assert.equal(none.status, 403);
      assert.equal(none.json.error.code, 'forbidden');
      assert.equal((await one.as('POST', approve, {csrfToken: 'x'.repeat(43)})).status, 403);
      assert.equal((await one.as('POST', approve, {csrfToken: other.csrf})).status, 403, 'another session’s token');
      assert.equal((await one.as('POST', approve, {extra: {'Sec-Fetch-Site': 'cross-site'}})).status, 403);
      assert.equal((await one.as('POST', approve, {extra: {'Sec-Fetch-Site': 'same-site'}})).status, 403);
      assert.equal((await one.as('DELETE', '/session', {csrfToken: null})).status, 403, 'signing out too');
      assert.equal((await api.list(t)).json.total, 0, 'nothing was approved');
      const ok = await one.as('POST', approve, {extra: {'Sec-Fetch-Site': 'same-origin'}});
      assert.equal(ok.status, 200, ok.text);
      assert.equal((await api.list(t)).json.total, 1);
      // Signing in from another site is refused before the token is even looked at.
      const crossSignIn = await api.call('POST', '/admin/session', {
        body: {token: ADMIN_TOKEN},
        headers: {'Sec-Fetch-Site': 'cross-site'},
      });
      assert.equal(crossSignIn.status, 403);
      assert.equal(
        (
          await api.call('POST', '/admin/session', {
            body: `token=${ADMIN_TOKEN}`,
            headers: {'Content-Type': 'application/x-www-form-urlencoded'},
          })
        ).status,
        400
      );
    });

    it('signing out ends the session: the cookie is cleared and the id refused from then on', async () => {
      const {as, cookie} = await signIn();
      const out = await as('DELETE', '/session');
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /^parley_admin=; Max-Age=0; Path=\/api\/v1\/admin/);
      const after = await as('GET', '/queue', {csrfToken: null});
      assert.equal(after.status, 401);
      assert.match(after.json.error.message, /expired or was signed out/);
      assert.equal((await as('GET', '/session', {csrfToken: null})).status, 401);
      // The same cookie, replayed by hand: still refused.
      const replay = await api.call('GET', '/admin/queue', {headers: {Cookie: cookie.pair}});
      assert.equal(replay.status, 401);
    });

    it('a session expires', async () => {
      const {as} = await signIn();
      assert.equal((await as('GET', '/queue', {csrfToken: null})).status, 200);
      await expireSessions(api.storage);
      const res = await as('GET', '/queue', {csrfToken: null});
      assert.equal(res.status, 401);
      assert.match(res.headers.get('set-cookie') ?? '', /Max-Age=0/, 'the dead cookie is cleared');
    });

    it('no fixation: every sign-in makes a new id, and a session the browser brought is ended', async () => {
      const first = await signIn();
      const again = await signIn({Cookie: first.cookie.pair});
      assert.notEqual(again.cookie.value, first.cookie.value);
      assert.equal((await first.as('GET', '/queue', {csrfToken: null})).status, 401, 'the old session ended');
      assert.equal((await again.as('GET', '/queue', {csrfToken: null})).status, 200);
      // An id made up by an attacker and planted in the browser is never adopted.
      const planted = 'A'.repeat(43);
      const res = await api.call('POST', '/admin/session', {
        body: {token: ADMIN_TOKEN},
        headers: {Cookie: `parley_admin=${planted}`},
      });
      assert.notEqual(cookieOf(res).value, planted);
      assert.equal((await api.call('GET', '/admin/queue', {headers: {Cookie: `parley_admin=${planted}`}})).status, 401);
    });

    it('wrong tokens are throttled per client, with the bearer API, and logged', async () => {
      const lines: string[] = [];
      const env = {ADMIN_TOKEN, DATA_DIR: ':memory:'};
      const {createLog} = await import('../src/log.js');
      const own = inProcess(env, {log: createLog('info', (l) => lines.push(l))});
      try {
        for (let i = 0; i < ADMIN_FAILURES_PER_MINUTE; i++) {
          const res = await own.call('POST', '/admin/session', {body: {token: `wrong-token-${i}-0123456789`}});
          assert.equal(res.status, 401);
          assert.equal(res.headers.get('set-cookie'), null);
        }
        const limited = await own.call('POST', '/admin/session', {body: {token: ADMIN_TOKEN}});
        assert.equal(limited.status, 429, 'even the right token waits');
        assert.ok(Number(limited.headers.get('retry-after')) >= 1);
        assert.equal((await own.admin('GET', '/comments', ADMIN_TOKEN)).status, 429, 'the bearer API shares the throttle');
        assert.ok(
          lines.some((l) => l.includes('admin: refused a request')),
          lines.join('\n')
        );
        assert.equal((await own.call('POST', '/admin/session', {body: {}})).status, 429);
      } finally {
        await own.close();
      }
    });

    it('the queue: counts, newest or oldest first, thread filter, search by text, name or e-mail, parents of replies', async () => {
      const t = thread('console-queue');
      const u = thread('console-queue-other');
      const {as} = await signIn();
      const a = await pending(t, `${BODY} about tulips 100%_done`, 'Zoë');
      const b = await pending(t, `${BODY} about roses`, 'Bob');
      await pending(u, `${BODY} about tulips elsewhere`, 'Cy');
      assert.equal((await as('POST', `/comments/${a.json.id}/approve`)).status, 200);
      const reply = await api.post(t, {
        author: {name: 'Dee', email: 'dee@example.org'},
        body: `${BODY} a reply`,
        parentId: a.json.id,
      });
      assert.equal(reply.status, 201);

      const q = (query: string) => as('GET', `/queue?${query}`, {csrfToken: null});
      const ids = (res: Answer) => res.json.comments.map((c: {id: string}) => c.id);
      const oldest = await q(`thread=${enc(t)}`);
      assert.deepEqual(ids(oldest), [b.json.id, reply.json.id]);
      assert.deepEqual(oldest.json.counts, {pending: 2, published: 1, rejected: 0, reported: 0});
      assert.deepEqual(ids(await q(`thread=${enc(t)}&sort=newest`)), [reply.json.id, b.json.id]);
      const withParent = oldest.json.comments[1];
      assert.equal(withParent.parent.id, a.json.id);
      assert.equal(withParent.parent.author.name, 'Zoë');
      assert.equal(withParent.parent.author.email, 'zoë@example.org');
      assert.equal(withParent.parent.body, `${BODY} about tulips 100%_done`);
      assert.equal('parent' in oldest.json.comments[0], false, 'a top-level comment has no parent field');

      assert.deepEqual(ids(await q(`status=published&thread=${enc(t)}`)), [a.json.id]);
      const tulips = await q(`status=published&q=TULIPS`);
      assert.ok(ids(tulips).includes(a.json.id));
      assert.deepEqual(ids(await q(`thread=${enc(u)}&q=tulips`)).length, 1);
      assert.deepEqual(ids(await q(`thread=${enc(t)}&q=bob`)), [b.json.id], 'by name');
      assert.deepEqual(ids(await q(`thread=${enc(t)}&q=dee@example`)), [reply.json.id], 'by e-mail');
      assert.deepEqual((await q(`thread=${enc(t)}&q=roses`)).json.counts, {pending: 1, published: 0, rejected: 0, reported: 0});
      // LIKE's wildcards are text: "100%_" matches only itself.
      assert.deepEqual(ids(await q(`status=published&thread=${enc(t)}&q=${enc('100%_d')}`)), [a.json.id]);
      assert.deepEqual(ids(await q(`status=published&thread=${enc(t)}&q=${enc('0%d')}`)), []);
      // Pages.
      const first = await q(`thread=${enc(t)}&limit=1`);
      assert.deepEqual(ids(first), [b.json.id]);
      assert.deepEqual(ids(await q(`thread=${enc(t)}&limit=1&cursor=${first.json.nextCursor}`)), [reply.json.id]);
      assert.equal((await q(`thread=${enc(t)}&sort=newest&cursor=${first.json.nextCursor}`)).status, 400);
      assert.equal((await q('status=spam')).status, 400);
      assert.equal((await q(`q=${'x'.repeat(201)}`)).status, 400);
    });

    it('bulk: approves parents before their replies, deletes with replies, reports each outcome', async () => {
      const t = thread('console-bulk');
      const {as} = await signIn();
      const parent = await pending(t);
      const token = parent.headers.get('x-parley-author')!;
      const reply = await api.post(t, {author: {name: 'Ann'}, body: BODY, parentId: parent.json.id}, {'X-Parley-Author': token});
      const more = await Promise.all(Array.from({length: 20}, () => pending(t)));
      const ids = [reply.json.id, parent.json.id, ...more.map((m) => m.json.id), 'no-such-comment'];
      const res = await as('POST', '/comments/bulk', {body: {action: 'approve', ids}});
      assert.equal(res.status, 200, res.text);
      assert.equal(schemaErrors('AdminBulkResult', res.json), null);
      assert.deepEqual(
        res.json.results.map((r: {outcome: string}) => r.outcome),
        [...Array(22).fill('approved'), 'not_found']
      );
      assert.equal((await api.list(t)).json.total, 22);

      const gone = await as('POST', '/comments/bulk', {body: {action: 'delete', ids: [parent.json.id, more[0].json.id]}});
      assert.deepEqual(gone.json.results, [
        {id: parent.json.id, outcome: 'deleted', deleted: 2},
        {id: more[0].json.id, outcome: 'deleted', deleted: 1},
      ]);
      assert.equal((await api.list(t)).json.total, 19);
      // Deleted comments stay as erased rows (live readers hear of them), in no queue.
      const queue = await as('GET', `/queue?status=published&thread=${enc(t)}&limit=200`, {csrfToken: null});
      assert.equal(queue.json.counts.published, 19);
      assert.equal(queue.json.comments.length, 19);
      const gones = new Set([parent.json.id, reply.json.id, more[0].json.id]);
      assert.ok(queue.json.comments.every((c: {id: string; body: string}) => !gones.has(c.id) && c.body !== ''));
      assert.equal((await as('POST', '/comments/bulk', {body: {action: 'explode', ids}})).status, 400);
      assert.equal((await as('POST', '/comments/bulk', {body: {action: 'approve', ids: []}})).status, 400);
      assert.equal((await as('POST', '/comments/bulk', {body: {action: 'approve', ids: Array(201).fill('x')}})).status, 400);
      assert.equal(
        (await as('POST', '/comments/bulk', {body: {action: 'approve', ids: [parent.json.id]}, csrfToken: null})).status,
        403
      );
    });

    it('reject keeps a pending comment hidden and out of the pending queue; restore brings it back', async () => {
      const t = thread('console-reject');
      const {as, res} = await signIn();
      const made = await pending(t);
      const token = made.headers.get('x-parley-author')!;
      const other = await pending(t);
      const rejected = await as('POST', '/comments/bulk', {body: {action: 'reject', ids: [made.json.id, 'no-such-comment']}});
      assert.deepEqual(rejected.json.results, [
        {id: made.json.id, outcome: 'rejected'},
        {id: 'no-such-comment', outcome: 'not_found'},
      ]);
      const q = (status: string) => as('GET', `/queue?status=${status}&thread=${enc(t)}`, {csrfToken: null});
      const queue = await q('pending');
      assert.deepEqual(
        queue.json.comments.map((c: {id: string}) => c.id),
        [other.json.id]
      );
      assert.deepEqual(queue.json.counts, {pending: 1, published: 0, rejected: 1, reported: 0});
      assert.deepEqual(
        (await q('rejected')).json.comments.map((c: {id: string}) => c.id),
        [made.json.id]
      );
      // Kept: its author still sees it awaiting moderation; nobody else sees it.
      assert.equal((await api.list(t)).json.total, 0);
      assert.equal((await api.list(t, {'X-Parley-Author': token})).json.total, 1);
      // Rejecting twice, or restoring what is not rejected, changes nothing.
      assert.deepEqual((await as('POST', '/comments/bulk', {body: {action: 'reject', ids: [made.json.id]}})).json.results, [
        {id: made.json.id, outcome: 'not_pending'},
      ]);
      assert.equal((await as('POST', `/comments/${other.json.id}/approve`)).status, 200);
      assert.deepEqual((await as('POST', '/comments/bulk', {body: {action: 'reject', ids: [other.json.id]}})).json.results, [
        {id: other.json.id, outcome: 'not_pending'},
      ]);
      const restored = await as('POST', '/comments/bulk', {body: {action: 'restore', ids: [made.json.id]}});
      assert.deepEqual(restored.json.results, [{id: made.json.id, outcome: 'restored'}]);
      assert.deepEqual((await q('pending')).json.counts, {pending: 1, published: 1, rejected: 0, reported: 0});
      const log = await api.admin('GET', '/audit?limit=4', ADMIN_TOKEN);
      assert.deepEqual(
        log.json.entries.map((e: {actor: string; action: string; commentId: string}) => [e.actor, e.action, e.commentId]),
        [
          [res.json.actor, 'restore', made.json.id],
          [res.json.actor, 'approve', other.json.id],
          [res.json.actor, 'reject', made.json.id],
          [res.json.actor, 'sign-in', null],
        ]
      );
    });

    it('two moderators on the same comment at once: one approval, one deletion, nothing counted twice', async () => {
      const t = thread('console-race');
      const alice = await signIn();
      const bob = await signIn();
      const made = await pending(t);
      const approvals = await Promise.all([
        alice.as('POST', `/comments/${made.json.id}/approve`),
        bob.as('POST', `/comments/${made.json.id}/approve`),
        api.admin('POST', `/comments/${made.json.id}/approve`, ADMIN_TOKEN),
      ]);
      assert.deepEqual(
        approvals.map((r) => r.status),
        [200, 200, 200]
      );
      assert.deepEqual((await api.counts(t)).json.counts[t], 1, 'counted once');
      const deletions = await Promise.all([
        alice.as('DELETE', `/comments/${made.json.id}`),
        bob.as('POST', '/comments/bulk', {body: {action: 'delete', ids: [made.json.id]}}),
      ]);
      const outcomes = [deletions[0].status === 200 ? 'deleted' : 'not_found', deletions[1].json.results[0].outcome].sort();
      assert.deepEqual(outcomes, ['deleted', 'not_found']);
      assert.deepEqual((await api.counts(t)).json.counts[t], 0);
      // Approving and deleting at once: it ends deleted, and never counted below zero.
      const other = await pending(t);
      await Promise.all([alice.as('POST', `/comments/${other.json.id}/approve`), bob.as('DELETE', `/comments/${other.json.id}`)]);
      assert.deepEqual((await api.counts(t)).json.counts[t], 0);
      assert.equal((await api.list(t)).json.total, 0);
    });

    it('the audit log records who did what to which comment, newest first', async () => {
      const t = thread('console-audit');
      const {as, res} = await signIn();
      const made = await pending(t);
      await as('POST', `/comments/${made.json.id}/approve`);
      await api.admin('DELETE', `/comments/${made.json.id}`, ADMIN_TOKEN);
      await as('DELETE', '/session');
      const log = await api.admin('GET', '/audit?limit=4', ADMIN_TOKEN);
      assert.equal(log.status, 200);
      assert.equal(schemaErrors('AuditPage', log.json), null);
      const actor = res.json.actor as string;
      assert.deepEqual(
        log.json.entries.map((e: {actor: string; action: string; commentId: string | null; threadId: string | null}) => [
          e.actor,
          e.action,
          e.commentId,
          e.threadId,
        ]),
        [
          [actor, 'sign-out', null, null],
          ['admin token', 'delete', made.json.id, null],
          [actor, 'approve', made.json.id, t],
          [actor, 'sign-in', null, null],
        ]
      );
      assert.ok(Math.abs(Date.parse(log.json.entries[0].at) - Date.now()) < 60_000);
      const next = await api.admin('GET', `/audit?limit=4&cursor=${log.json.nextCursor}`, ADMIN_TOKEN);
      assert.ok(next.json.entries.every((e: {seq: number}) => e.seq < log.json.entries[3].seq));
    });

    it('closing a thread keeps its comments, refuses new ones (403 closed), says so on the page; reopening undoes it', async () => {
      const t = thread('console-close');
      const {as, res} = await signIn();
      const made = await pending(t);
      assert.equal((await as('POST', `/comments/${made.json.id}/approve`)).status, 200);
      const open = await api.list(t);
      assert.equal('closed' in open.json, false, 'an open thread’s page is as v1’s');
      assert.equal((await as('GET', `/queue?thread=${enc(t)}`, {csrfToken: null})).json.threadClosed, false);

      assert.equal((await as('POST', '/threads/close', {body: {thread: t}, csrfToken: null})).status, 403, 'CSRF');
      const closed = await as('POST', '/threads/close', {body: {thread: t}});
      assert.equal(closed.status, 200, closed.text);
      assert.deepEqual(closed.json, {thread: t, closed: true});
      const page = await api.list(t);
      assert.equal(page.json.closed, true);
      assert.equal(page.json.total, 1, 'its comments stay');
      assert.equal(schemaErrors('Page', page.json), null);
      const refused = await api.post(t);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'closed');
      assert.equal(schemaErrors('Error', refused.json), null);
      assert.equal((await as('GET', `/queue?thread=${enc(t)}`, {csrfToken: null})).json.threadClosed, true);
      // A thread nobody has commented on yet can be closed too.
      const empty = thread('console-close-empty');
      assert.equal((await api.admin('POST', '/threads/close', ADMIN_TOKEN)).status, 400);
      assert.equal(
        (
          await api.call('POST', '/admin/threads/close', {
            headers: {Authorization: `Bearer ${ADMIN_TOKEN}`},
            body: {thread: empty},
          })
        ).status,
        200
      );
      assert.equal((await api.post(empty)).json.error.code, 'closed');

      assert.equal((await as('POST', '/threads/reopen', {body: {thread: t}})).status, 200);
      assert.equal('closed' in (await api.list(t)).json, false);
      assert.equal((await api.post(t)).status, 201);
      const log = await api.admin('GET', '/audit?limit=3', ADMIN_TOKEN);
      assert.deepEqual(
        log.json.entries.map((e: {actor: string; action: string; threadId: string}) => [e.actor, e.action, e.threadId]),
        [
          [res.json.actor, 'reopen', t],
          ['admin token', 'close', empty],
          [res.json.actor, 'close', t],
        ]
      );
    });

    it('the page: a strict CSP, no framing, no caching; its script and style are files', async () => {
      const res = await api.send('/admin');
      assert.equal(res.status, 200);
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const part of [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ]) {
        assert.ok(csp.includes(part), `${part} in ${csp}`);
      }
      assert.doesNotMatch(csp, /unsafe/);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const html = await res.text();
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'no inline script');
      assert.doesNotMatch(html, /<style|style=/, 'no inline style');
      assert.match(html, /<meta name="parley-api" content="\/api\/v1">/);
      const js = await api.send('/admin/console.js');
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal((await api.send('/admin/console.css')).status, 200);
      assert.equal((await api.send('/admin/nothing.js')).status, 404);
      assert.equal((await api.send('/admin', {method: 'POST'})).status, 405);
    });
  });
}

describe('console: off without ADMIN_TOKEN', () => {
  it('the page and the session route are 404', async () => {
    const api = inProcess({});
    try {
      assert.equal((await api.send('/admin')).status, 404);
      assert.equal((await api.call('POST', '/admin/session', {body: {token: 'x'.repeat(20)}})).status, 404);
    } finally {
      await api.close();
    }
  });
});
