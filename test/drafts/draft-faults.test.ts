import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {createIdbDraftStore} from '../../src/drafts/draft-store.js';
import {parts, typeInto, uniqueThread, waitFor} from '../helpers.js';
import type {Parts} from '../helpers.js';

const store = createIdbDraftStore();
const BODY = `Long enough to be a real comment, more than fifty characters. ${'q'.repeat(5)}`;

async function tab(thread: string, adapter = new MemoryAdapter()): Promise<Parts> {
  const el = await fixture<ParleyComments>(html`<parley-comments .adapter=${adapter} thread=${thread}></parley-comments>`);
  const p = parts(el);
  await waitFor(() => p.threadText().includes('No comments yet'), 'thread');
  await waitFor(
    () => ['ready', 'saved', 'unavailable'].includes((p.form() as unknown as {drafts: {status: string}}).drafts.status),
    'draft loaded'
  );
  return p;
}

const otherNotice = (p: Parts) => p.form().shadowRoot!.querySelector('[part="other-version"]');

function patch<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): () => void {
  const original = Object.getOwnPropertyDescriptor(target, key)!;
  Object.defineProperty(target, key, {...original, value});
  return () => Object.defineProperty(target, key, original);
}

describe('drafts when storage misbehaves', () => {
  it('two tabs editing one draft: neither overwrites the other', async () => {
    const thread = uniqueThread('tabs');
    const a = await tab(thread);
    const b = await tab(thread);

    typeInto(a.textarea(), 'Text typed in tab A');
    await waitFor(() => a.draftNote() === 'Draft saved on this device', 'A saved');
    typeInto(b.textarea(), 'Text typed in tab B');
    await waitFor(() => otherNotice(b), 'B told about A');
    let stored = await store.get([thread, '']);
    expect(stored!.body).to.equal('Text typed in tab B');
    expect(stored!.other!.body).to.equal('Text typed in tab A');

    typeInto(a.textarea(), 'Text typed in tab A, then more');
    await waitFor(() => otherNotice(a), 'A told about B');
    stored = await store.get([thread, '']);
    expect(stored!.body).to.equal('Text typed in tab A, then more');
    expect(stored!.other!.body).to.equal('Text typed in tab B');

    // Tab A takes B's text; its own goes aside, not away.
    (otherNotice(a)!.querySelector('button') as HTMLButtonElement).click();
    expect(a.textarea().value).to.equal('Text typed in tab B');
    await waitFor(async () => (await store.get([thread, '']))!.body === 'Text typed in tab B', 'swap saved');
    expect((await store.get([thread, '']))!.other!.body).to.equal('Text typed in tab A, then more');
  });

  it('steps aside when the database is deleted while open, then keeps drafts again', async () => {
    const thread = uniqueThread('deleted');
    const p = await tab(thread);
    typeInto(p.textarea(), 'before the deletion');
    await waitFor(() => p.draftNote() === 'Draft saved on this device', 'saved');
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase('parley');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('deletion blocked by an open connection'));
    });
    typeInto(p.textarea(), 'after the deletion');
    await waitFor(async () => (await store.get([thread, '']))?.body === 'after the deletion', 'saved again');
    expect(p.draftNote()).to.equal('Draft saved on this device');
  });

  it('keeps working and says so when the quota is exceeded', async () => {
    const thread = uniqueThread('quota');
    const adapter = new MemoryAdapter();
    const p = await tab(thread, adapter);
    const errors: string[] = [];
    p.el.addEventListener('parley-error', (e) => errors.push(e.detail.action));
    const restore = patch(IDBObjectStore.prototype, 'put', function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      typeInto(p.nameInput(), 'Priya S');
      typeInto(p.textarea(), BODY);
      await waitFor(() => p.draftNote().startsWith('Drafts are not kept'), 'unavailable note');
      expect(errors).to.include('draft');
      expect(p.textarea().value).to.equal(BODY);
      p.submit().click();
      await waitFor(() => p.comments().length === 1 && !p.comments()[0].hasAttribute('sending'), 'posted');
      expect((await adapter.list(thread, {})).total).to.equal(1);
    } finally {
      restore();
    }
  });

  it('rejects within seconds when opening hangs (a blocked upgrade) or fails', async () => {
    const restore = patch(IDBFactory.prototype, 'open', function () {
      return {} as IDBOpenDBRequest; // never succeeds, never fails
    });
    try {
      const started = performance.now();
      const error = await createIdbDraftStore('parley-hang')
        .get(['x', ''])
        .catch((e) => e);
      expect(String(error)).to.include('did not answer in time');
      expect(performance.now() - started).to.be.below(4500);
    } finally {
      restore();
    }
    const restoreFail = patch(IDBFactory.prototype, 'open', function () {
      throw new DOMException('open failed', 'UnknownError');
    });
    try {
      const error = await createIdbDraftStore('parley-fail')
        .get(['x', ''])
        .catch((e) => e);
      expect((error as DOMException).name).to.equal('UnknownError');
    } finally {
      restoreFail();
    }
  });
});
