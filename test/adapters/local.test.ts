import {expect} from '@open-wc/testing';
import type {CommentAdapter} from '../../src/adapters/adapter.js';
import {ParleyError} from '../../src/adapters/adapter.js';
import {LocalAdapter} from '../../src/adapters/local.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {makeComment, uniqueThread, waitFor} from '../helpers.js';

const BODY = 'A comment for the adapter tests, long enough to be accepted.';
const input = (body = BODY) => ({author: {name: 'Ann'}, body});

function contract(name: string, make: (seed?: Record<string, ReturnType<typeof makeComment>[]>) => CommentAdapter) {
  describe(`${name} adapter`, () => {
    it('posts and lists, trimming the text', async () => {
      const a = make();
      const thread = uniqueThread();
      const c = await a.post(thread, input(`  ${BODY}\n`), {idempotencyKey: crypto.randomUUID()});
      expect(c).to.include({threadId: thread, body: BODY, status: 'published', parentId: null});
      expect(c.author.name).to.equal('Ann');
      const page = await a.list(thread, {});
      expect(page).to.deep.equal({comments: [c], nextCursor: null, total: 1});
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

    it('counts several threads', async () => {
      const t1 = uniqueThread();
      const t2 = uniqueThread();
      const a = make({[t1]: [makeComment(t1, 1), makeComment(t1, 2)]});
      expect(await a.count!([t1, t2])).to.deep.equal({[t1]: 2, [t2]: 0});
    });
  });
}

contract('memory', (seed) => new MemoryAdapter({seed}));
contract('local', (seed) => new LocalAdapter({seed, database: 'parley-local-test'}));

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
    stop();
  });
});
