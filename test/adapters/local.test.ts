import {expect} from '@open-wc/testing';
import type {CommentAdapter} from '../../src/adapters/adapter.js';
import {ParleyError} from '../../src/adapters/adapter.js';
import {LocalAdapter} from '../../src/adapters/local.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {makeComment, uniqueThread, waitFor} from '../helpers.js';

const BODY = 'A comment for the adapter tests, long enough to be accepted.';
const input = (body = BODY, parentId: string | null = null) => ({author: {name: 'Ann'}, body, parentId});
const FEATURES = {reactions: true, editWindow: 900, locate: true, sorts: ['oldest', 'newest', 'top'], updates: true};
const key = () => ({idempotencyKey: crypto.randomUUID()});

function contract(
  name: string,
  make: (seed?: Record<string, ReturnType<typeof makeComment>[]>, editWindow?: number) => CommentAdapter
) {
  describe(`${name} adapter`, () => {
    it('posts and lists, trimming the text', async () => {
      const a = make();
      const thread = uniqueThread();
      const c = await a.post(thread, input(`  ${BODY}\n`), {idempotencyKey: crypto.randomUUID()});
      expect(c).to.include({threadId: thread, body: BODY, status: 'published', parentId: null});
      expect(c.author.name).to.equal('Ann');
      const page = await a.list(thread, {});
      const {secret, ...shown} = c;
      expect(secret).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(page).to.deep.equal({comments: [shown], nextCursor: null, total: 1, features: FEATURES});
    });

    it('creates one comment for one idempotency key', async () => {
      const a = make();
      const thread = uniqueThread();
      const key = crypto.randomUUID();
      const [x, y] = await Promise.all([
        a.post(thread, input(), {idempotencyKey: key}),
        a.post(thread, input(), {idempotencyKey: key}),
      ]);
      expect(y.id).to.equal(x.id);
      expect((await a.list(thread, {})).total).to.equal(1);
    });

    it('enforces the counting rule', async () => {
      const a = make();
      const err = await a.post(uniqueThread(), input('a'.repeat(49)), {idempotencyKey: crypto.randomUUID()}).catch((e) => e);
      expect(err).to.be.instanceOf(ParleyError);
      expect([err.code, err.field]).to.deep.equal(['too_short', 'body']);
      const ok = await a.post(uniqueThread(), input('👍🏽'.repeat(50)), {idempotencyKey: crypto.randomUUID()});
      expect(ok.body).to.equal('👍🏽'.repeat(50));
    });

    it('pages and sorts top-level comments with their replies', async () => {
      const thread = uniqueThread();
      const seed = [
        makeComment(thread, 1),
        makeComment(thread, 2),
        makeComment(thread, 3, {parentId: 'c1'}),
        makeComment(thread, 4),
      ];
      const a = make({[thread]: seed});
      const first = await a.list(thread, {limit: 2});
      expect(first.comments.map((c) => c.id)).to.deep.equal(['c1', 'c3', 'c2']);
      expect(first.total).to.equal(4);
      const second = await a.list(thread, {limit: 2, cursor: first.nextCursor!});
      expect(second.comments.map((c) => c.id)).to.deep.equal(['c4']);
      expect(second.nextCursor).to.equal(null);
      const newest = await a.list(thread, {limit: 1, sort: 'newest'});
      expect(newest.comments.map((c) => c.id)).to.deep.equal(['c4']);
    });

    it('likes once per reader, idempotently, and sorts by likes with `top`', async () => {
      const thread = uniqueThread();
      const a = make({[thread]: [makeComment(thread, 1), makeComment(thread, 2), makeComment(thread, 3)]});
      expect(await a.react!(thread, 'c2', true)).to.deep.equal({likes: 1, liked: true});
      expect(await a.react!(thread, 'c2', true)).to.deep.equal({likes: 1, liked: true}, 'the same call again');
      const page = await a.list(thread, {sort: 'top'});
      expect(page.comments.map((c) => [c.id, c.likes, c.liked])).to.deep.equal([
        ['c2', 1, true],
        ['c1', 0, false],
        ['c3', 0, false],
      ]);
      expect(await a.react!(thread, 'c2', false)).to.deep.equal({likes: 0, liked: false});
      expect(await a.react!(thread, 'c2', false)).to.deep.equal({likes: 0, liked: false});
      const missing = await a.react!(thread, 'nope', true).catch((e: ParleyError) => e);
      expect((missing as ParleyError).code).to.equal('not_found');
    });

    it('edits and deletes with the secret, within the window', async () => {
      const thread = uniqueThread();
      const a = make();
      const c = await a.post(thread, input(), key());
      const reply = await a.post(thread, input(BODY, c.id), key());
      const wrong = await a.edit!(thread, c.id, `${BODY}!`, {secret: 'x'.repeat(43)}).catch((e: ParleyError) => e);
      expect((wrong as ParleyError).code).to.equal('forbidden');
      const short = await a.edit!(thread, c.id, 'short', {secret: c.secret!}).catch((e: ParleyError) => e);
      expect([(short as ParleyError).code, (short as ParleyError).field]).to.deep.equal(['too_short', 'body']);
      const edited = await a.edit!(thread, c.id, `  ${BODY} Edited.  `, {secret: c.secret!});
      expect(edited.body).to.equal(`${BODY} Edited.`);
      expect(Date.parse(edited.editedAt!)).to.be.greaterThan(0);
      // With a reply: a placeholder keeps its place; without: gone.
      const placeholder = await a.remove!(thread, c.id, {secret: c.secret!});
      expect(placeholder).to.include({id: c.id, body: '', deleted: true});
      expect(placeholder!.author.name).to.equal('');
      expect(await a.remove!(thread, c.id, {secret: c.secret!})).to.deep.equal(placeholder, 'idempotent');
      const gone = await a.edit!(thread, c.id, BODY, {secret: c.secret!}).catch((e: ParleyError) => e);
      expect((gone as ParleyError).code).to.equal('gone');
      expect(await a.remove!(thread, reply.id, {secret: reply.secret!})).to.equal(null);
      const page = await a.list(thread, {});
      expect(page.comments.map((x) => [x.id, x.deleted ?? false])).to.deep.equal([[c.id, true]]);
      expect(page.total).to.equal(0, 'a placeholder is not counted');
    });

    it('refuses edits after the window', async () => {
      const thread = uniqueThread();
      const a = make(undefined, 1);
      const c = await a.post(thread, input(), key());
      await new Promise((r) => setTimeout(r, 1100));
      const late = await a.edit!(thread, c.id, `${BODY}!`, {secret: c.secret!}).catch((e: ParleyError) => e);
      expect((late as ParleyError).code).to.equal('expired');
      const lateRemove = await a.remove!(thread, c.id, {secret: c.secret!}).catch((e: ParleyError) => e);
      expect((lateRemove as ParleyError).code).to.equal('expired');
    });

    it('locates a comment: its root and how many top-level comments come before', async () => {
      const thread = uniqueThread();
      const seed = [
        makeComment(thread, 1),
        makeComment(thread, 2),
        makeComment(thread, 3, {parentId: 'c2'}),
        makeComment(thread, 4, {parentId: 'c3'}),
        makeComment(thread, 5),
      ];
      const a = make({[thread]: seed});
      expect(await a.locate!(thread, 'c4', {sort: 'oldest'})).to.deep.include({rootId: 'c2', before: 1});
      expect(await a.locate!(thread, 'c4', {sort: 'newest'})).to.deep.include({rootId: 'c2', before: 1});
      expect(await a.locate!(thread, 'c5', {sort: 'newest'})).to.deep.include({rootId: 'c5', before: 0});
      expect(await a.locate!(thread, 'nope', {sort: 'oldest'})).to.equal(null);
      // A page carries a whole branch, replies of replies too.
      expect((await a.list(thread, {limit: 2})).comments.map((c) => c.id)).to.deep.equal(['c1', 'c2', 'c3', 'c4']);
    });

    it('counts several threads', async () => {
      const t1 = uniqueThread();
      const t2 = uniqueThread();
      const a = make({[t1]: [makeComment(t1, 1), makeComment(t1, 2)]});
      expect(await a.count!([t1, t2])).to.deep.equal({[t1]: 2, [t2]: 0});
    });
  });
}

contract('memory', (seed, editWindow) => new MemoryAdapter({seed, editWindow}));
contract('local', (seed, editWindow) => new LocalAdapter({seed, editWindow, database: 'parley-local-test'}));

describe('memory adapter as a v1 backend', () => {
  it('offers no features, likes or secrets', async () => {
    const a = new MemoryAdapter({features: false});
    const thread = uniqueThread();
    const c = await a.post(thread, input(), key());
    expect(c).to.not.have.any.keys('secret', 'likes', 'liked');
    const page = await a.list(thread, {});
    expect(page).to.not.have.property('features');
    const top = await a.list(thread, {sort: 'top'}).catch((e: ParleyError) => e);
    expect((top as ParleyError).code).to.equal('invalid');
  });
});

describe('local adapter persistence', () => {
  it('keeps comments across instances and tells other listeners', async () => {
    const thread = uniqueThread();
    const reader = new LocalAdapter({database: 'parley-local-test'});
    const seen: string[] = [];
    const stop = reader.subscribe(thread, (c) => seen.push(c.id));
    const writer = new LocalAdapter({database: 'parley-local-test'});
    const c = await writer.post(thread, input(), {idempotencyKey: crypto.randomUUID()});
    expect((await reader.list(thread, {})).comments.map((x) => x.id)).to.deep.equal([c.id]);
    await waitFor(() => seen.length === 1, 'broadcast');
    expect(seen).to.deep.equal([c.id]);
    await writer.edit(thread, c.id, `${BODY} Edited.`, {secret: c.secret!});
    await waitFor(() => seen.length === 2, 'the edit broadcast');
    expect(seen).to.deep.equal([c.id, c.id], 'the same id: a new version');
    stop();
  });
});
