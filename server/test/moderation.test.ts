// Bans and shadow bans, readers' reports and the reported queue, auto-close, and the replay
// of a post refused after it was accepted: on SQLite and PostgreSQL, through the routes.
import assert from 'node:assert/strict';
import {randomBytes, randomUUID} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {schemaErrors} from '../src/conformance/openapi.js';
import {collectEvents} from '../src/conformance/sse.js';
import {openStorage} from '../src/storage/index.js';
import {BODY, databases, enc, inProcess, testConfig, thread, until} from './helpers.js';

const ADMIN_TOKEN = 'moderation-test-admin-token';
const DAY = 24 * 3600 * 1000;
const token = () => randomBytes(32).toString('base64url');

for (const db of databases) {
  describe(`moderation: ${db.name}`, {skip: db.skip}, () => {
    let api: ReturnType<typeof inProcess>;
    let hidden: ReturnType<typeof inProcess>;
    let cleanup: () => Promise<void>;
    /** The app's clock: real time plus `shift` milliseconds. */
    let shift = 0;
    before(async () => {
      const fresh = db.env();
      cleanup = fresh.cleanup;
      const env = {ADMIN_TOKEN, REPORT_THRESHOLD: '2', AUTO_CLOSE_DAYS: '30', ...fresh.env};
      api = inProcess(env, {storage: await openStorage(testConfig(env)), now: () => Date.now() + shift});
      const hiding = {...env, REPORTED_VISIBILITY: 'hidden'};
      hidden = inProcess(hiding, {storage: await openStorage(testConfig(hiding))});
    });
    after(async () => {
      await api.close();
      await hidden.close();
      await cleanup();
    });

    const admin = (method: string, path: string, body?: unknown) =>
      api.call(method, `/admin${path}`, {headers: {Authorization: `Bearer ${ADMIN_TOKEN}`}, body});
    /** A post as Eve; each test gives her an e-mail address of its own, so that bans stay apart. */
    const post = (t: string, author: string, email = `eve@${t.split('/')[1]}.example`, body = BODY, key = randomUUID()) =>
      api.call('POST', `/threads/${enc(t)}/comments`, {
        headers: {'Idempotency-Key': key, 'X-Parley-Author': author},
        body: {author: {name: 'Eve', email}, body},
      });
    const ids = (page: {json: {comments: {id: string}[]}}) => page.json.comments.map((c) => c.id);
    const report = (t: string, id: string, reader: string | null, body: unknown = {reason: 'spam'}) =>
      api.call('PUT', `/threads/${enc(t)}/comments/${enc(id)}/reports`, {
        headers: reader ? {'X-Parley-Author': reader} : {},
        body,
      });

    it('a ban refuses the author’s posts by token and by e-mail (403 forbidden, neutral); unban lifts it; all audited', async () => {
      const t = thread('ban');
      const eve = token();
      const first = await post(t, eve, 'eve@example.org');
      assert.equal(first.status, 201);
      const banned = await admin('POST', '/bans', {commentId: first.json.id});
      assert.equal(banned.status, 200, banned.text);
      assert.equal(schemaErrors('AdminBanResult', banned.json), null);
      assert.deepEqual(
        banned.json.bans.map((b: {kind: string; shadow: boolean}) => [b.kind, b.shadow]),
        [
          ['email', false],
          ['author', false],
        ]
      );
      // By token (another e-mail), and by e-mail (another token): the same answer, which names no ban.
      for (const refused of [await post(t, eve, 'other@example.org'), await post(t, token(), 'EVE@example.org')]) {
        assert.equal(refused.status, 403);
        assert.deepEqual(refused.json, {error: {code: 'forbidden', message: 'This comment cannot be accepted.'}});
      }
      // What was published stays.
      assert.deepEqual(ids(await api.list(t)), [first.json.id]);
      assert.equal((await post(t, token(), 'someone@example.org')).status, 201);
      const list = await admin('GET', '/bans');
      assert.equal(schemaErrors('AdminBanPage', list.json), null);
      const mine = list.json.bans.filter((b: {name: string | null}) => b.name === 'Eve');
      assert.equal(mine.length, 2);
      const unbanned = await admin('POST', '/bans/unban', {ids: mine.map((b: {id: number}) => b.id)});
      assert.deepEqual(
        unbanned.json.results.map((r: {outcome: string}) => r.outcome),
        ['unbanned', 'unbanned']
      );
      assert.equal((await admin('DELETE', `/bans/${mine[0].id}`)).status, 404);
      assert.equal((await post(t, eve, 'eve@example.org')).status, 201);
      const audit = await admin('GET', '/audit?limit=3');
      assert.deepEqual(
        audit.json.entries.map((e: {action: string}) => e.action),
        ['unban', 'unban', 'ban']
      );
      assert.match(audit.json.entries[2].detail, /^e-mail eve@example\.org, author token [0-9a-f]{8}$/);
      // Bad requests.
      assert.equal((await admin('POST', '/bans', {})).status, 400);
      assert.equal((await admin('POST', '/bans', {email: 'not an address'})).status, 400);
      assert.equal((await admin('POST', '/bans', {authorToken: 'short'})).status, 400);
      assert.equal((await admin('POST', '/bans', {commentId: 'no-such-comment'})).status, 404);
      assert.equal((await admin('POST', '/bans/unban', {ids: ['x']})).status, 400);
    });

    it('a shadow-banned author’s posts look accepted and are shown to their token only: lists, counts, the live feed', async () => {
      const t = thread('shadow');
      const eve = token();
      const reader = token();
      const old = await post(t, eve);
      assert.equal(old.status, 201);
      const live = await api.subscribe(t);
      try {
        await until(() => live.comments.length > 0 || live.events.length >= 0, 'the stream');
        const banned = await admin('POST', '/bans', {authorToken: eve, shadow: true});
        assert.equal(banned.json.bans[0].shadow, true);
        // The comment she had leaves everyone else's view, and the stream says so.
        await until(() => live.events.some((e) => e.event === 'update'), 'the removal');
        const removal = JSON.parse(live.events.find((e) => e.event === 'update')!.data);
        assert.equal(removal.id, old.json.id);
        assert.equal(removal.deleted, true);
        assert.equal(removal.body, '');

        const made = await post(t, eve);
        assert.equal(made.status, 201);
        assert.equal(made.json.status, 'published');
        assert.match(made.json.secret, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(made.headers.get('x-parley-author'), eve);
        assert.equal(schemaErrors('PostedComment', made.json), null);
        const theirs = await api.list(t, {'X-Parley-Author': eve});
        assert.deepEqual(ids(theirs), [old.json.id, made.json.id]);
        assert.equal(theirs.json.total, 2);
        const others = await api.list(t, {'X-Parley-Author': reader});
        assert.deepEqual(ids(others), []);
        assert.equal(others.json.total, 0);
        assert.equal((await api.counts(t)).json.counts[t], 0);
        assert.equal((await api.counts(t, {'X-Parley-Author': reader})).json.counts[t], 0);
        // Her article list counts what her thread's heading counts: nothing gives the ban away.
        assert.equal((await api.counts(t, {'X-Parley-Author': eve})).json.counts[t], 2);
        assert.equal((await report(t, made.json.id, reader)).status, 404);
        // A reply to it from someone else: its parent is not there for them.
        const reply = await api.call('POST', `/threads/${enc(t)}/comments`, {
          headers: {'Idempotency-Key': randomUUID(), 'X-Parley-Author': reader},
          body: {author: {name: 'Rae'}, body: BODY, parentId: made.json.id},
        });
        assert.equal(reply.status, 422);
        // Someone else's comment is published as ever; the stream carried nothing of hers.
        const fine = await post(t, reader, 'rae@example.org');
        await until(() => live.received().some((c) => c.id === fine.json.id), 'the other comment');
        assert.ok(!live.received().some((c) => c.id === made.json.id));
        // The queue marks her comments.
        const queue = await admin('GET', `/queue?status=published&thread=${enc(t)}`);
        assert.deepEqual(
          queue.json.comments.map((c: {id: string; shadowBanned?: boolean}) => [c.id, c.shadowBanned === true]),
          [
            [old.json.id, true],
            [made.json.id, true],
            [fine.json.id, false],
          ]
        );
        // Lifting the ban shows both again, announced as published.
        assert.equal((await admin('DELETE', `/bans/${banned.json.bans[0].id}`)).status, 200);
        await until(() => live.received().some((c) => c.id === made.json.id), 'her comment, shown again');
        assert.deepEqual(ids(await api.list(t, {'X-Parley-Author': reader})), [old.json.id, made.json.id, fine.json.id]);
        assert.equal((await api.counts(t)).json.counts[t], 3);
      } finally {
        live.close();
      }
    });

    it('a shadow-banned author’s comment that others replied to is a placeholder for them: the replies keep their place', async () => {
      const t = thread('shadow-holder');
      const eve = token();
      const rae = token();
      const root = await post(t, eve);
      const reply = await api.call('POST', `/threads/${enc(t)}/comments`, {
        headers: {'Idempotency-Key': randomUUID(), 'X-Parley-Author': rae},
        body: {author: {name: 'Rae'}, body: BODY, parentId: root.json.id},
      });
      assert.equal(reply.status, 201);
      const banned = await admin('POST', '/bans', {authorToken: eve, shadow: true});
      for (const sort of ['oldest', 'newest', 'top']) {
        const others = await api.call('GET', `/threads/${enc(t)}/comments?sort=${sort}`, {headers: {'X-Parley-Author': rae}});
        assert.deepEqual(
          others.json.comments.map((c: {id: string; deleted?: boolean; body: string; author: {name: string}}) => [
            c.id,
            c.deleted === true,
            c.body === '',
            c.author.name,
          ]),
          [
            [root.json.id, true, true, ''],
            [reply.json.id, false, false, 'Rae'],
          ],
          sort
        );
        assert.equal(others.json.total, 1, 'the placeholder is not counted');
      }
      assert.equal((await api.counts(t)).json.counts[t], 1);
      const hers = await api.list(t, {'X-Parley-Author': eve});
      assert.equal(hers.json.comments[0].body, BODY);
      assert.equal(hers.json.comments[0].deleted, undefined);
      assert.equal(hers.json.total, 2);
      await admin('DELETE', `/bans/${banned.json.bans[0].id}`);
      assert.equal((await api.list(t)).json.comments[0].body, BODY);
    });

    it('a retry of a post accepted before the thread closed, or before a ban, gets its answer again', async () => {
      const t = thread('replay');
      const eve = token();
      const key = randomUUID();
      const first = await post(t, eve, 'eve@replay.example', BODY, key);
      assert.equal(first.status, 201);
      assert.equal((await admin('POST', '/threads/close', {thread: t})).status, 200);
      const again = await post(t, eve, 'eve@replay.example', BODY, key);
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.json, first.json);
      assert.equal((await post(t, eve)).json.error.code, 'closed');
      assert.equal((await post(t, eve, 'eve@replay.example', `${BODY} (other text)`, key)).status, 422);

      const u = thread('replay-ban');
      const key2 = randomUUID();
      const made = await post(u, eve, 'eve@replay.example', BODY, key2);
      await admin('POST', '/bans', {commentId: made.json.id});
      const retried = await post(u, eve, 'eve@replay.example', BODY, key2);
      assert.equal(retried.status, 200);
      assert.deepEqual(retried.json, made.json);
      assert.equal((await post(u, eve)).status, 403);
      const bans = await admin('GET', '/bans');
      await admin('POST', '/bans/unban', {ids: bans.json.bans.map((b: {id: number}) => b.id)});
    });

    it('reports: one per reader, bad input refused; the threshold moves a comment to the reported queue; approve clears it, reject takes it away', async () => {
      const t = thread('reports');
      const made = await post(t, token());
      const id = made.json.id as string;
      const [r1, r2, r3] = [token(), token(), token()];
      assert.equal((await report(t, id, null)).status, 400);
      assert.equal((await report(t, id, null)).json.error.field, 'X-Parley-Author');
      assert.equal((await report(t, id, r1, {reason: 'rude'})).status, 400);
      assert.equal((await report(t, id, r1, {reason: 'spam', extra: 1})).status, 400);
      assert.equal((await report(t, id, r1, {reason: 'spam', note: 'x'.repeat(501)})).status, 422);
      assert.equal((await report(t, 'no-such-comment', r1)).status, 404);
      assert.equal((await report(thread('elsewhere'), id, r1)).status, 404);
      const once = await report(t, id, r1, {reason: 'abuse', note: 'Insults a reader.'});
      assert.equal(once.status, 200);
      assert.deepEqual(once.json, {reported: true});
      assert.equal(schemaErrors('ReportState', once.json), null);
      // The same reader again (a retry, or another reason): still one report.
      assert.deepEqual((await report(t, id, r1, {reason: 'spam'})).json, {reported: true});
      let queue = await admin('GET', `/queue?status=reported&thread=${enc(t)}`);
      assert.equal(queue.json.counts.reported, 0);
      assert.equal((await report(t, id, r2, {reason: 'abuse'})).status, 200);
      queue = await admin('GET', `/queue?status=reported&thread=${enc(t)}`);
      assert.equal(schemaErrors('AdminQueuePage', queue.json), null);
      assert.deepEqual(queue.json.counts, {pending: 0, published: 0, rejected: 0, reported: 1});
      assert.deepEqual(queue.json.comments[0].reports, {
        count: 2,
        reasons: {spam: 0, abuse: 2, off_topic: 0, other: 0},
        notes: ['Insults a reader.'],
      });
      // REPORTED_VISIBILITY=shown: readers still see it.
      assert.deepEqual(ids(await api.list(t)), [id]);
      const approved = await admin('POST', `/comments/${id}/approve`);
      assert.equal(approved.status, 200);
      queue = await admin('GET', `/queue?status=published&thread=${enc(t)}`);
      assert.deepEqual(queue.json.counts, {pending: 0, published: 1, rejected: 0, reported: 0});
      assert.equal(queue.json.comments[0].reports, undefined);
      // Reported again (new readers), then rejected: gone for readers, in the rejected queue.
      await report(t, id, r3);
      await report(t, id, r2);
      await report(t, id, r1);
      assert.equal((await admin('GET', `/queue?thread=${enc(t)}`)).json.counts.reported, 1);
      const rejected = await admin('POST', '/comments/bulk', {action: 'reject', ids: [id]});
      assert.deepEqual(rejected.json.results, [{id, outcome: 'rejected'}]);
      assert.deepEqual(ids(await api.list(t)), []);
      assert.equal((await api.counts(t)).json.counts[t], 0);
      assert.deepEqual((await admin('GET', `/queue?thread=${enc(t)}`)).json.counts, {
        pending: 0,
        published: 0,
        rejected: 1,
        reported: 0,
      });
    });

    it('REPORTED_VISIBILITY=hidden: a reported comment is withheld from readers (not its author) until approved', async () => {
      const t = thread('reports-hidden');
      const author = token();
      const made = await hidden.call('POST', `/threads/${enc(t)}/comments`, {
        headers: {'Idempotency-Key': randomUUID(), 'X-Parley-Author': author},
        body: {author: {name: 'Ann'}, body: BODY},
      });
      const id = made.json.id as string;
      const readers = [token(), token()];
      const reportAs = (r: string) =>
        hidden.call('PUT', `/threads/${enc(t)}/comments/${id}/reports`, {
          headers: {'X-Parley-Author': r},
          body: {reason: 'off_topic'},
        });
      for (const r of readers) assert.equal((await reportAs(r)).status, 200);
      assert.deepEqual(ids(await hidden.list(t)), []);
      // The reader whose report hid it retries (its answer was lost): the same answer, not 404.
      const again = await reportAs(readers[1]);
      assert.equal(again.status, 200);
      assert.deepEqual(again.json, {reported: true});
      // A reader who never saw it reported cannot report what they cannot see.
      assert.equal((await reportAs(token())).status, 404);
      assert.equal((await hidden.counts(t)).json.counts[t], 0);
      assert.deepEqual(ids(await hidden.list(t, {'X-Parley-Author': author})), [id]);
      const queue = await hidden.admin('GET', `/queue?status=reported&thread=${enc(t)}`, ADMIN_TOKEN);
      assert.equal(queue.json.comments[0].hidden, true);
      assert.equal((await hidden.admin('POST', `/comments/${id}/approve`, ADMIN_TOKEN)).status, 200);
      assert.deepEqual(ids(await hidden.list(t)), [id]);
      assert.equal((await hidden.counts(t)).json.counts[t], 1);
    });

    it('two moderators at once: banning the same author twice makes one ban of each kind; ban and approve together count once', async () => {
      const t = thread('together');
      const eve = token();
      const made = await post(t, eve);
      const [a, b] = await Promise.all([
        admin('POST', '/bans', {commentId: made.json.id, shadow: true}),
        admin('POST', '/comments/bulk', {action: 'shadow_ban', ids: [made.json.id]}),
      ]);
      assert.equal(a.status, 200);
      assert.deepEqual(b.json.results, [{id: made.json.id, outcome: 'banned'}]);
      const bans = (await admin('GET', '/bans')).json.bans.filter((x: {name: string}) => x.name === 'Eve');
      assert.equal(bans.length, 2);
      assert.equal((await api.counts(t)).json.counts[t], 0);
      // Reported to the queue and approved while the ban is lifted at once: counted once.
      await Promise.all([report(t, made.json.id, eve), report(t, made.json.id, token())]);
      await Promise.all([
        admin('POST', '/bans/unban', {ids: bans.map((x: {id: number}) => x.id)}),
        admin('POST', `/comments/${made.json.id}/approve`),
        admin('POST', `/comments/${made.json.id}/approve`),
      ]);
      assert.equal((await api.counts(t)).json.counts[t], 1);
      assert.equal((await api.list(t)).json.total, 1);
    });

    it('the console’s stream sends the pending and reported counts at once and when they change', async () => {
      const ac = new AbortController();
      const res = await api.send(`${api.config.basePath}/admin/events`, {
        headers: {Authorization: `Bearer ${ADMIN_TOKEN}`},
        signal: ac.signal,
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const stream = collectEvents(res);
      try {
        const counts = () => stream.events.filter((e) => e.event === 'counts').map((e) => JSON.parse(e.data));
        await until(() => counts().length === 1, 'the first counts');
        const start = counts()[0] as {pending: number; reported: number};
        const t = thread('live-counts');
        const made = await post(t, token());
        await report(t, made.json.id, token());
        await report(t, made.json.id, token());
        await until(() => counts().at(-1)?.reported === start.reported + 1, 'the reported count');
        await admin('POST', `/comments/${made.json.id}/approve`);
        await until(() => counts().at(-1)?.reported === start.reported, 'the count after approval');
      } finally {
        ac.abort();
      }
      assert.equal((await api.call('GET', '/admin/events')).status, 401);
    });

    it('AUTO_CLOSE_DAYS closes a thread 30 days after its first comment, exactly as a close; a reopen overrides it', async () => {
      const t = thread('auto-close');
      const eve = token();
      assert.equal((await post(t, eve)).status, 201);
      shift = 29 * DAY;
      assert.equal((await post(t, eve)).status, 201);
      assert.equal((await api.list(t)).json.closed, undefined);
      shift = 31 * DAY;
      try {
        const refused = await post(t, eve);
        assert.equal(refused.status, 403);
        assert.equal(refused.json.error.code, 'closed');
        const page = await api.list(t);
        assert.equal(page.json.closed, true);
        assert.equal(page.json.total, 2);
        assert.equal((await admin('GET', `/queue?thread=${enc(t)}`)).json.threadClosed, true);
        // A new thread is young: open.
        assert.equal((await post(thread('auto-close-young'), eve)).status, 201);
        assert.equal((await admin('POST', '/threads/reopen', {thread: t})).status, 200);
        assert.equal((await post(t, eve)).status, 201);
        assert.equal((await api.list(t)).json.closed, undefined);
        // A moderator's close still closes it.
        await admin('POST', '/threads/close', {thread: t});
        assert.equal((await post(t, eve)).status, 403);
      } finally {
        shift = 0;
      }
    });
  });
}
