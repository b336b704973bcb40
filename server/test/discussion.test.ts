// The discussion's routes (issue #11), in-process on SQLite and PostgreSQL: the secret of a
// post, edits and deletions by their author within the edit window, likes by reader
// tokens, the top sort and its cursor, locating a comment, and the update events of the
// live stream with exact resume. The clock of the edit window is the test's own.
import assert from 'node:assert/strict';
import {randomBytes, randomUUID} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {DEFAULT_EDIT_WINDOW} from 'parley-contract';
import {schemaErrors} from '../src/conformance/openapi.js';
import {openStorage} from '../src/storage/index.js';
import {BODY, databases, enc, inProcess, listed, plainPage, streamed, testConfig, thread, until} from './helpers.js';
import type {Answer} from './helpers.js';

const token = () => randomBytes(32).toString('base64url');
const EDITED = `${BODY} Edited, and still long enough.`;

for (const db of databases) {
  describe(`the discussion (${db.name})`, {skip: db.skip}, () => {
    let api: ReturnType<typeof inProcess>;
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    /** The app's clock: real time plus `shift` milliseconds. */
    let shift = 0;
    before(async () => {
      const made = db.env();
      ({env, cleanup} = made);
      const storage = await openStorage(testConfig(made.env));
      api = inProcess(made.env, {storage, now: () => Date.now() + shift});
    });
    after(async () => {
      await api.close();
      await cleanup();
    });

    const path = (t: string, id: string, tail = '') => `/threads/${enc(t)}/comments/${enc(id)}${tail}`;
    const edit = (t: string, id: string, secret: string | null, body: unknown = {body: EDITED}) =>
      api.call('PATCH', path(t, id), {headers: secret === null ? {} : {'X-Parley-Secret': secret}, body});
    const remove = (t: string, id: string, secret: string | null) =>
      api.call('DELETE', path(t, id), {headers: secret === null ? {} : {'X-Parley-Secret': secret}});
    const like = (t: string, id: string, reader: string | null, method = 'PUT') =>
      api.call(method, path(t, id, '/reactions/like'), {headers: reader === null ? {} : {'X-Parley-Author': reader}});
    const locate = (t: string, id: string, query = '', headers: Record<string, string> = {}) =>
      api.call('GET', `${path(t, id)}${query}`, {headers});
    const ids = (page: Answer) => page.json.comments.map((c: {id: string}) => c.id);
    const error = (res: Answer) => [res.status, res.json?.error?.code];

    it('every page lists the features; a post answers its secret, and its replay the same one', async () => {
      const t = thread('features');
      const page = await api.list(t);
      assert.deepEqual(page.json.features, {
        reactions: true,
        editWindow: DEFAULT_EDIT_WINDOW,
        locate: true,
        sorts: ['oldest', 'newest', 'top'],
        updates: true,
        reports: true,
      });
      assert.equal(schemaErrors('Page', page.json), null);
      const key = randomUUID();
      const posted = await api.post(t, undefined, {'Idempotency-Key': key});
      assert.equal(posted.status, 201);
      assert.equal(schemaErrors('PostedComment', posted.json), null);
      assert.match(posted.json.secret, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual([posted.json.likes, posted.json.liked, posted.json.editedAt], [0, false, null]);
      const replay = await api.post(t, undefined, {'Idempotency-Key': key});
      assert.equal(replay.status, 200);
      assert.equal(replay.json.secret, posted.json.secret);
      // Only the post's answer carries it.
      assert.deepEqual((await api.list(t)).json.comments, [listed(posted.json)]);
      assert.equal((await api.post(t)).json.secret === posted.json.secret, false);
    });

    it('edit: 200 with editedAt, same text again is the same answer; bad secret, bad body, other thread, unknown id refused', async () => {
      const t = thread('edit');
      const posted = (await api.post(t)).json;
      const {id, secret} = posted;
      const before = (await api.list(t)).json;

      for (const s of [null, token(), 'not-a-secret']) assert.deepEqual(error(await edit(t, id, s)), [403, 'forbidden']);
      assert.deepEqual(error(await edit(t, id, secret, {body: 'too short'})), [422, 'too_short']);
      assert.equal((await edit(t, id, secret, {body: 'too short'})).json.error.field, 'body');
      assert.deepEqual(error(await edit(t, id, secret, {body: 'a'.repeat(5001)})), [422, 'too_long']);
      assert.deepEqual(error(await edit(t, id, secret, {body: EDITED, author: {name: 'Eve'}})), [400, 'invalid']);
      assert.deepEqual(error(await edit(t, id, secret, 'not json')), [400, 'invalid']);
      assert.deepEqual(error(await edit(thread('other'), id, secret)), [404, 'not_found']);
      assert.deepEqual(error(await edit(t, 'no-such-id', secret)), [404, 'not_found']);
      assert.deepEqual((await api.list(t)).json, before, 'nothing changed');

      const edited = await edit(t, id, secret, {body: `  ${EDITED}\u200b `});
      assert.equal(edited.status, 200, edited.text);
      assert.equal(schemaErrors('Comment', edited.json), null);
      assert.equal(edited.json.body, EDITED);
      assert.equal(edited.json.secret, undefined);
      assert.ok(Date.parse(edited.json.editedAt) >= Date.parse(posted.createdAt));
      const again = await edit(t, id, secret);
      assert.equal(again.status, 200);
      assert.deepEqual(again.json, edited.json, 'a retry changes nothing');
      const [shown] = (await api.list(t)).json.comments;
      assert.deepEqual([shown.body, shown.editedAt], [EDITED, edited.json.editedAt]);
    });

    it('the edit window: after it, 403 expired for edits and deletions; a retry of the text it has is still 200', async () => {
      const t = thread('window');
      const {id, secret} = (await api.post(t)).json;
      assert.equal((await edit(t, id, secret)).status, 200);
      shift = (DEFAULT_EDIT_WINDOW + 1) * 1000;
      try {
        assert.deepEqual(error(await edit(t, id, secret, {body: `${EDITED} Again.`})), [403, 'expired']);
        assert.deepEqual(error(await remove(t, id, secret)), [403, 'expired']);
        assert.equal((await edit(t, id, secret)).status, 200);
        // The secret is checked first: a stranger learns nothing of the window.
        assert.deepEqual(error(await edit(t, id, token())), [403, 'forbidden']);
      } finally {
        shift = 0;
      }
      assert.equal((await api.list(t)).json.comments[0].body, EDITED);
    });

    it('delete: without replies 204 and gone from lists and counts; with replies a placeholder in place; repeats answer the same', async () => {
      const t = thread('delete');
      const a = (await api.post(t)).json;
      const b = (await api.post(t)).json;
      const reply = (await api.post(t, {author: {name: 'Bo'}, body: BODY, parentId: a.id})).json;
      assert.equal((await api.list(t)).json.total, 3);

      assert.deepEqual(error(await remove(t, b.id, null)), [403, 'forbidden']);
      assert.deepEqual(error(await remove(t, b.id, a.secret)), [403, 'forbidden']);
      assert.deepEqual(error(await remove(thread('other'), b.id, b.secret)), [404, 'not_found']);
      const gone = await remove(t, b.id, b.secret);
      assert.equal(gone.status, 204);
      assert.equal(gone.text, '');
      assert.equal((await remove(t, b.id, b.secret)).status, 204, 'a repeat is answered the same way');

      const placeholder = await remove(t, a.id, a.secret);
      assert.equal(placeholder.status, 200, placeholder.text);
      assert.equal(schemaErrors('Comment', placeholder.json), null);
      assert.deepEqual(
        [placeholder.json.id, placeholder.json.deleted, placeholder.json.body, placeholder.json.author.name],
        [a.id, true, '', '']
      );
      const repeat = await remove(t, a.id, a.secret);
      assert.deepEqual([repeat.status, repeat.json], [200, placeholder.json]);

      const page = (await api.list(t)).json;
      assert.deepEqual(ids({json: page} as Answer), [a.id, reply.id]);
      assert.equal(page.comments[0].deleted, true);
      assert.equal(page.comments[0].body, '');
      assert.equal(page.total, 1, 'the placeholder is not counted');
      assert.deepEqual((await api.counts(t)).json.counts[t], 1);

      // A deleted comment is gone for edits, likes and replies.
      assert.deepEqual(error(await edit(t, a.id, a.secret)), [410, 'gone']);
      assert.deepEqual(error(await edit(t, b.id, b.secret)), [410, 'gone']);
      assert.deepEqual(error(await like(t, a.id, token())), [410, 'gone']);
      const orphan = await api.post(t, {author: {name: 'Cy'}, body: BODY, parentId: a.id});
      assert.deepEqual([...error(orphan), orphan.json.error.field], [422, 'invalid', 'parentId']);

      // The last reply of a placeholder goes: the placeholder goes too.
      assert.equal((await remove(t, reply.id, reply.secret)).status, 204);
      assert.deepEqual(plainPage((await api.list(t)).json), {comments: [], nextCursor: null, total: 0});
    });

    it('a reply to a comment of another thread is 422 parentId', async () => {
      const other = (await api.post(thread('elsewhere'))).json;
      const t = thread('cross');
      const res = await api.post(t, {author: {name: 'Ann'}, body: BODY, parentId: other.id});
      assert.deepEqual([...error(res), res.json.error.field], [422, 'invalid', 'parentId']);
      assert.equal((await api.list(t)).json.total, 0);
    });

    it('likes: one per reader token, idempotent both ways, liked for the viewer; a missing token is 400', async () => {
      const t = thread('likes');
      const {id} = (await api.post(t)).json;
      const [ann, bo] = [token(), token()];
      for (const reader of [null, 'short']) {
        const res = await like(t, id, reader);
        assert.deepEqual([...error(res), res.json.error.field], [400, 'invalid', 'X-Parley-Author']);
      }
      const first = await like(t, id, ann);
      assert.equal(first.status, 200);
      assert.equal(schemaErrors('ReactionState', first.json), null);
      assert.deepEqual(first.json, {likes: 1, liked: true});
      assert.deepEqual((await like(t, id, ann)).json, {likes: 1, liked: true}, 'like, lost answer, like: one like');
      // Two at once from one token: still one.
      const both = await Promise.all([like(t, id, bo), like(t, id, bo)]);
      assert.deepEqual(
        both.map((r) => r.json),
        [
          {likes: 2, liked: true},
          {likes: 2, liked: true},
        ]
      );
      const seen = (await api.list(t, {'X-Parley-Author': ann})).json.comments[0];
      assert.deepEqual([seen.likes, seen.liked], [2, true]);
      const stranger = (await api.list(t)).json.comments[0];
      assert.deepEqual([stranger.likes, stranger.liked], [2, false]);

      assert.deepEqual((await like(t, id, ann, 'DELETE')).json, {likes: 1, liked: false});
      assert.deepEqual((await like(t, id, ann, 'DELETE')).json, {likes: 1, liked: false}, 'unlike twice: still none of Ann');
      assert.deepEqual((await like(t, id, ann)).json, {likes: 2, liked: true});
      assert.deepEqual(error(await like(thread('other'), id, ann)), [404, 'not_found']);
      assert.deepEqual(error(await like(t, 'no-such-id', ann)), [404, 'not_found']);
      const wrong = await api.call('POST', path(t, id, '/reactions/like'), {headers: {'X-Parley-Author': ann}});
      assert.equal(wrong.status, 405);
    });

    it('sort=top: most liked first, then oldest; the keyset cursor neither skips nor repeats while likes stay', async () => {
      const t = thread('top');
      const made = [];
      for (let i = 0; i < 5; i++) made.push((await api.post(t, {author: {name: 'Ann'}, body: `${BODY} #${i}`})).json.id);
      const readers = [token(), token(), token()];
      // Likes: #3 ×3, #1 ×2, #4 ×2, #0 and #2 none.
      for (const r of readers) await like(t, made[3], r);
      for (const r of readers.slice(0, 2)) await like(t, made[1], r);
      for (const r of readers.slice(0, 2)) await like(t, made[4], r);
      const reply = (await api.post(t, {author: {name: 'Bo'}, body: BODY, parentId: made[0]})).json.id;
      const expected = [made[3], made[1], made[4], made[0], made[2]];
      assert.deepEqual(ids(await api.call('GET', `/threads/${enc(t)}/comments?sort=top`)), [
        made[3],
        made[1],
        made[4],
        made[0],
        reply,
        made[2],
      ]);
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const res: Answer = await api.call(
          'GET',
          `/threads/${enc(t)}/comments?sort=top&limit=2${cursor ? `&cursor=${enc(cursor)}` : ''}`
        );
        assert.equal(res.status, 200, res.text);
        pages.push(ids(res).filter((id: string) => id !== reply));
        cursor = res.json.nextCursor;
      } while (cursor && pages.length < 10);
      assert.deepEqual(pages, [expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);

      // A like after the first page: what was below the cursor stays below it, nothing is repeated.
      const first = await api.call('GET', `/threads/${enc(t)}/comments?sort=top&limit=2`);
      await like(t, made[2], readers[0]);
      const second = await api.call('GET', `/threads/${enc(t)}/comments?sort=top&limit=2&cursor=${enc(first.json.nextCursor)}`);
      assert.deepEqual(
        ids(second).filter((id: string) => id !== reply),
        [made[4], made[2]]
      );
      // A cursor of one sort is refused in another.
      const other = await api.call('GET', `/threads/${enc(t)}/comments?sort=oldest&cursor=${enc(first.json.nextCursor)}`);
      assert.deepEqual([...error(other), other.json.error.field], [400, 'invalid', 'cursor']);
    });

    it('locate: the comment, its top-level ancestor and how many come before it, per sort; unknown or removed: 404', async () => {
      const t = thread('locate');
      const a = (await api.post(t)).json;
      const b = (await api.post(t)).json;
      const c = (await api.post(t)).json;
      const reply = (await api.post(t, {author: {name: 'Bo'}, body: BODY, parentId: b.id})).json;
      const nested = (await api.post(t, {author: {name: 'Cy'}, body: BODY, parentId: reply.id})).json;
      await like(t, c.id, token());
      const found = await locate(t, nested.id);
      assert.equal(found.status, 200, found.text);
      assert.equal(schemaErrors('LocatedComment', found.json), null);
      assert.deepEqual([found.json.comment.id, found.json.rootId, found.json.before], [nested.id, b.id, 1]);
      assert.equal((await locate(t, nested.id, '?sort=newest')).json.before, 1);
      assert.equal((await locate(t, a.id, '?sort=newest')).json.before, 2);
      assert.equal((await locate(t, a.id, '?sort=top')).json.before, 1);
      assert.equal((await locate(t, c.id, '?sort=top')).json.before, 0);
      assert.equal((await locate(t, c.id)).json.before, 2);
      const reader = token();
      await like(t, a.id, reader);
      assert.equal((await locate(t, a.id, '', {'X-Parley-Author': reader})).json.comment.liked, true);

      assert.deepEqual(error(await locate(t, 'no-such-id')), [404, 'not_found']);
      assert.deepEqual(error(await locate(thread('other'), a.id)), [404, 'not_found']);
      assert.deepEqual(error(await locate(t, a.id, '?sort=random')), [400, 'invalid']);
      // A placeholder is found; a removed comment is not.
      assert.equal((await remove(t, b.id, b.secret)).status, 200);
      assert.equal((await locate(t, nested.id)).json.rootId, b.id);
      assert.equal((await locate(t, b.id)).json.comment.deleted, true);
      assert.equal((await remove(t, a.id, a.secret)).status, 204);
      assert.deepEqual(error(await locate(t, a.id)), [404, 'not_found']);
      assert.equal((await locate(t, c.id)).json.before, 1, 'a removed comment comes before nothing');
    });

    it('update events: edits and deletions on the stream in order; a resumed stream gets the latest versions, new comments as `comment`', async () => {
      const t = thread('updates');
      const live = await api.subscribe(t);
      try {
        const a = (await api.post(t)).json;
        const b = (await api.post(t)).json;
        await until(() => live.received().length === 2, 'the two comments');
        const edited = (await edit(t, a.id, a.secret)).json;
        await remove(t, b.id, b.secret);
        await until(() => live.events.filter((e) => e.event === 'update').length === 2, 'the two updates');
        const frames = live.events.filter((e) => e.event === 'comment' || e.event === 'update');
        assert.deepEqual(
          frames.map((e) => [e.event, e.id]),
          [
            ['comment', '1'],
            ['comment', '2'],
            ['update', '3'],
            ['update', '4'],
          ]
        );
        assert.deepEqual(JSON.parse(frames[2].data), streamed(edited));
        const dropped = JSON.parse(frames[3].data);
        assert.equal(schemaErrors('Comment', dropped), null);
        assert.deepEqual([dropped.id, dropped.deleted, dropped.body], [b.id, true, '']);

        // A reader who had event 1 (a) resumes: c (made after its position) as a comment and
        // a's latest version as an update; b, published and removed since, not at all.
        const c = (await api.post(t)).json;
        await edit(t, a.id, a.secret, {body: `${EDITED} Twice.`});
        const resumed = await api.subscribe(t, {'Last-Event-ID': '1'});
        try {
          const frames = () => resumed.events.filter((e) => e.event === 'comment' || e.event === 'update');
          await until(() => frames().length === 2, 'the catch-up');
          await new Promise((r) => setTimeout(r, 100));
          const caught = frames();
          assert.deepEqual(
            caught.map((e) => [e.event, e.id, JSON.parse(e.data).id]),
            [
              ['comment', '5', c.id],
              ['update', '6', a.id],
            ]
          );
          assert.equal(JSON.parse(caught[1].data).body, `${EDITED} Twice.`);
        } finally {
          resumed.close();
        }
        // One who had nothing: b (published and removed since) is not sent at all.
        const fresh = await api.subscribe(t, {'Last-Event-ID': '0'});
        try {
          await until(() => fresh.events.filter((e) => e.event === 'comment').length === 2, 'the catch-up from 0');
          await new Promise((r) => setTimeout(r, 100));
          assert.deepEqual(
            fresh.events
              .filter((e) => e.event === 'comment' || e.event === 'update')
              .map((e) => [e.event, JSON.parse(e.data).id]),
            [
              ['comment', c.id],
              ['comment', a.id],
            ]
          );
        } finally {
          fresh.close();
        }
      } finally {
        live.close();
      }
    });

    if (db.name === 'postgres') {
      it('another instance on the same database streams the edits and deletions made here (LISTEN/NOTIFY)', async () => {
        const other = inProcess(env, {storage: await openStorage(testConfig(env))});
        try {
          const t = thread('instances');
          const stream = await other.subscribe(t);
          try {
            const c = (await api.post(t)).json;
            await until(() => stream.received().length === 1, 'the comment on the other instance');
            const edited = (await edit(t, c.id, c.secret)).json;
            await remove(t, c.id, c.secret);
            await until(
              () => stream.events.filter((e) => e.event === 'update').length === 2,
              'the updates on the other instance'
            );
            const updates = stream.events.filter((e) => e.event === 'update').map((e) => JSON.parse(e.data));
            assert.deepEqual(updates[0], streamed(edited));
            assert.deepEqual([updates[1].id, updates[1].deleted], [c.id, true]);
          } finally {
            stream.close();
          }
        } finally {
          await other.close();
        }
      });
    }

    it('admin delete: the comment and its replies go from lists and counts, and readers are told', async () => {
      const admin = inProcess({ADMIN_TOKEN: 'test-admin-token-0123456789'}, {storage: api.storage});
      const t = thread('admin');
      const live = await api.subscribe(t);
      try {
        const a = (await api.post(t)).json;
        const reply = (await api.post(t, {author: {name: 'Bo'}, body: BODY, parentId: a.id})).json;
        const res = await admin.admin('DELETE', `/comments/${a.id}`, 'test-admin-token-0123456789');
        assert.deepEqual(res.json, {deleted: 2});
        assert.equal((await admin.admin('DELETE', `/comments/${a.id}`, 'test-admin-token-0123456789')).status, 404);
        assert.deepEqual(plainPage((await api.list(t)).json), {comments: [], nextCursor: null, total: 0});
        assert.equal((await api.counts(t)).json.counts[t], 0);
        await until(() => live.events.filter((e) => e.event === 'update').length === 2, 'the removals');
        const removed = live.events.filter((e) => e.event === 'update').map((e) => JSON.parse(e.data));
        assert.deepEqual(
          removed.map((c) => [c.id, c.deleted, c.body, c.author.name]),
          [
            [a.id, true, '', ''],
            [reply.id, true, '', ''],
          ]
        );
        assert.deepEqual(error(await edit(t, a.id, a.secret)), [410, 'gone']);
        assert.deepEqual(error(await locate(t, reply.id)), [404, 'not_found']);
      } finally {
        live.close();
        admin.parley.dispose();
      }
    });
  });
}

describe('EDIT_WINDOW_SECONDS=0: editing off', () => {
  it('no secret is handed out, editWindow is not in features, and edits and deletions are 403 expired', async () => {
    const api = inProcess({EDIT_WINDOW_SECONDS: '0'});
    try {
      const t = thread('no-edits');
      const posted = await api.post(t);
      assert.equal(posted.json.secret, undefined);
      const page = await api.list(t);
      assert.equal(page.json.features.editWindow, undefined);
      assert.equal(page.json.features.reactions, true);
      const res = await api.call('PATCH', `/threads/${enc(t)}/comments/${posted.json.id}`, {
        headers: {'X-Parley-Secret': token()},
        body: {body: EDITED},
      });
      assert.deepEqual([res.status, res.json.error.code], [403, 'expired']);
    } finally {
      await api.close();
    }
  });
});
