import {expect, fixture, html} from '@open-wc/testing';
import {ParleyError} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {createIdbDraftStore} from '../../src/drafts/draft-store.js';
import type {Draft} from '../../src/drafts/draft-store.js';
import {ControlledAdapter, makeComment, parts, typeInto, uniqueThread, waitFor} from '../helpers.js';

const BODY = `A draft worth keeping, at least fifty characters long. ${'z'.repeat(10)}`;
const store = createIdbDraftStore();

async function mountWithDrafts(adapter: ControlledAdapter | MemoryAdapter, thread: string) {
  const el = await fixture<ParleyComments>(html`<parley-comments .adapter=${adapter} thread=${thread}></parley-comments>`);
  const p = parts(el);
  if (adapter instanceof ControlledAdapter) {
    await waitFor(() => adapter.lists.length > 0, 'list');
    adapter.lists.at(-1)!.resolve({comments: [], nextCursor: null, total: 0});
  }
  await waitFor(() => p.threadText() !== '' && !p.threadText().includes('Loading'), 'thread');
  return p;
}

const stored = (thread: string) => store.get([thread, '']);

describe('draft store (IndexedDB)', () => {
  it('keeps drafts in a database of its own, not idb-keyval’s default', async () => {
    const key: [string, string] = [uniqueThread(), ''];
    const draft: Draft = {body: 'hello', name: 'Ann', updatedAt: 1, submission: null};
    await store.update(key, (stored) => {
      expect(stored).to.equal(undefined);
      return draft;
    });
    expect(await store.get(key)).to.deep.equal(draft);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).to.include('parley');
    expect(names).not.to.include('keyval-store');
    await store.update(key, () => null);
    expect(await store.get(key)).to.equal(undefined);
  });

  it('rejects instead of hanging when IndexedDB is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});
    try {
      let error: unknown;
      await createIdbDraftStore('parley-missing')
        .get(['x', ''])
        .catch((e) => (error = e));
      expect(String(error)).to.include('IndexedDB is not available');
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else delete (window as {indexedDB?: unknown}).indexedDB;
    }
  });
});

describe('drafts in the form', () => {
  it('saves soon after typing stops and restores after the element is re-created', async () => {
    const thread = uniqueThread('draft');
    let p = await mountWithDrafts(new MemoryAdapter(), thread);
    typeInto(p.nameInput(), 'Priya S');
    typeInto(p.textarea(), BODY);
    expect(await stored(thread)).to.equal(undefined);
    await waitFor(() => p.draftNote() === 'Draft saved on this device', 'saved note');
    expect((await stored(thread))!.body).to.equal(BODY);

    p.el.remove();
    p = await mountWithDrafts(new MemoryAdapter(), thread);
    await waitFor(() => p.textarea().value === BODY, 'restored body');
    expect(p.nameInput().value).to.equal('Priya S');
    expect(p.status()).to.equal('Your unsent draft was restored.');
    expect(p.counter()).to.equal('4,935 characters left');
  });

  it('writes at once when the page is hidden, not a typing pause later', async () => {
    const thread = uniqueThread('hide');
    const p = await mountWithDrafts(new MemoryAdapter(), thread);
    typeInto(p.textarea(), 'typed just before closing the tab');
    dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}));
    // Read from IndexedDB (not the journal) 100 ms after the page hid, in a timer that runs
    // before the form's own write, 400 ms after the keystroke: only a write begun by the
    // page hide can be there, and IndexedDB answers this read after any write begun before it.
    const draft = await new Promise<Draft | undefined>((resolve, reject) =>
      setTimeout(() => void stored(thread).then(resolve, reject), 100)
    );
    expect(draft?.body).to.equal('typed just before closing the tab');
  });

  it('keeps the draft of a reply apart from the top-level one, each restored to its own form', async () => {
    const thread = uniqueThread('reply');
    const seed = {[thread]: [makeComment(thread, 1)]};
    const REPLY = 'My answer to comment c1, which belongs under it and nowhere else.';
    // The section's own form, and a reply form to comment c1 in its footer.
    const mountBoth = async () => {
      const el = await fixture<ParleyComments>(
        html`<parley-comments .adapter=${new MemoryAdapter({seed})} thread=${thread} eager>
          <parley-form slot="footer" parent-id="c1"></parley-form>
        </parley-comments>`
      );
      const p = parts(el);
      const reply = el.querySelector('parley-form')!;
      await waitFor(() => p.comments().length === 1 && reply.shadowRoot?.querySelector('textarea'), 'both forms');
      return {p, reply: () => reply.shadowRoot!.querySelector('textarea')!};
    };
    let {p, reply} = await mountBoth();
    typeInto(p.textarea(), BODY);
    typeInto(reply(), REPLY);
    await waitFor(async () => (await store.get([thread, 'c1']))?.body === REPLY, 'the reply’s draft saved');
    await waitFor(async () => (await stored(thread))?.body === BODY, 'the top-level draft saved');

    p.el.remove();
    ({p, reply} = await mountBoth());
    await waitFor(() => p.textarea().value === BODY && reply().value === REPLY, 'each draft in its own form');
  });

  it('is deleted only after the backend accepted the comment', async () => {
    const thread = uniqueThread('posted');
    const adapter = new ControlledAdapter();
    const p = await mountWithDrafts(adapter, thread);
    typeInto(p.nameInput(), 'Priya S');
    typeInto(p.textarea(), BODY);
    p.submit().click();
    await waitFor(() => adapter.posts.length === 1, 'post');
    const during = await stored(thread);
    expect(during!.body).to.equal(BODY);
    expect(during!.submission!.key).to.equal(adapter.posts[0].key);

    adapter.posts[0].resolve({
      id: 's1',
      threadId: thread,
      parentId: null,
      author: {name: 'Priya S'},
      body: BODY,
      createdAt: new Date().toISOString(),
      status: 'published',
    });
    await waitFor(() => p.textarea().value === '', 'cleared form');
    await waitFor(async () => (await stored(thread)) === undefined, 'deleted draft');
  });

  it('survives a failed post and a reload, and the retry reuses the idempotency key', async () => {
    const thread = uniqueThread('failed');
    const first = new ControlledAdapter();
    let p = await mountWithDrafts(first, thread);
    typeInto(p.nameInput(), 'Priya S');
    typeInto(p.textarea(), BODY);
    p.submit().click();
    await waitFor(() => first.posts.length === 1, 'post');
    first.posts[0].reject(new ParleyError('network', 'offline'));
    await waitFor(() => p.error(), 'error');
    expect((await stored(thread))!.body).to.equal(BODY);

    p.el.remove();
    const second = new ControlledAdapter();
    p = await mountWithDrafts(second, thread);
    await waitFor(() => p.textarea().value === BODY, 'restored');
    p.submit().click();
    await waitFor(() => second.posts.length === 1, 'retry');
    expect(second.posts[0].key).to.equal(first.posts[0].key);
  });

  it('works without IndexedDB and says that drafts are not kept', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});
    try {
      const adapter = new MemoryAdapter();
      const thread = uniqueThread('noidb');
      const p = await mountWithDrafts(adapter, thread);
      await waitFor(() => p.draftNote().startsWith('Drafts are not kept'), 'unavailable note');
      typeInto(p.nameInput(), 'Priya S');
      typeInto(p.textarea(), BODY);
      p.submit().click();
      await waitFor(() => p.comments().length === 1 && !p.comments()[0].hasAttribute('sending'), 'posted');
      expect((await adapter.list(thread, {})).total).to.equal(1);
      expect(p.textarea().value).to.equal('');
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else delete (window as {indexedDB?: unknown}).indexedDB;
    }
  });
});
