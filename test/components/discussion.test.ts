import {expect} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {CommentAdapter} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {makeComment, typeInto, uniqueThread, waitFor} from '../helpers.js';
import {BODY, deepActive, section} from './discussion-helpers.js';

// The discussion with the memory adapter: replies in place, depth, branches, links to
// comments, the sort control, likes, and editing and deleting one's own comments.

const seeded = (thread: string, n: number, extra: (i: number) => Partial<ReturnType<typeof makeComment>> = () => ({})) =>
  Array.from({length: n}, (_, i) => makeComment(thread, i + 1, extra(i + 1)));

afterEach(() => {
  localStorage.removeItem('parley:sort');
  history.replaceState(null, '', location.pathname + location.search);
});

describe('replies', () => {
  it('opens a reply form under the comment, focused; a posted reply appears in place and focus goes back', async () => {
    const thread = uniqueThread();
    const d = await section(new MemoryAdapter({seed: {[thread]: seeded(thread, 2)}}), thread);
    const reply = await d.click('c1', 'reply');
    const field = await d.replyTextarea('c1');
    await waitFor(() => d.replyForm('c1')!.shadowRoot!.contains(deepActive()), 'focus in the reply form');
    expect(d.replyForm('c1')!.shadowRoot!.querySelector('h3')!.textContent).to.equal('Reply to Reader 1');
    d.replyForm('c1')!.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Ann';
    typeInto(field, BODY);
    d.replyForm('c1')!.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => d.ids().length === 3, 'the reply');
    expect(d.ids()).to.deep.equal(['c1', d.ids()[1], 'c2'], 'under its parent, before the next comment');
    const li = d.comment(d.ids()[1])!.closest('li')!;
    expect(li.parentElement!.closest('li')!.querySelector('parley-comment')!.comment!.id).to.equal('c1');
    await waitFor(() => d.replyForm('c1') === null, 'the form closed');
    await waitFor(() => deepActive() === reply, 'focus back on Reply');
  });

  it('keeps two reply forms apart; Escape and Cancel close one and keep its draft', async () => {
    const thread = uniqueThread();
    const d = await section(new MemoryAdapter({seed: {[thread]: seeded(thread, 2)}}), thread);
    await d.click('c1', 'reply');
    const first = await d.replyTextarea('c1');
    await waitFor(() => d.replyForm('c1')!.shadowRoot!.contains(deepActive()), 'focus in the first');
    await d.click('c2', 'reply');
    const second = await d.replyTextarea('c2');
    await waitFor(() => d.replyForm('c2')!.shadowRoot!.contains(deepActive()), 'focus in the second');
    first.focus();
    await sendKeys({type: 'First reply text'});
    second.focus();
    await sendKeys({type: 'Second reply text'});
    expect([first.value, second.value]).to.deep.equal(['First reply text', 'Second reply text']);
    first.focus();
    await sendKeys({press: 'Escape'});
    await waitFor(() => d.replyForm('c1') === null, 'closed by Escape');
    await waitFor(() => deepActive() === d.button('c1', 'reply'), 'focus back on its Reply button');
    expect(second.value).to.equal('Second reply text');
    d.replyForm('c2')!.shadowRoot!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await waitFor(() => d.replyForm('c2') === null, 'closed by Cancel');
    await d.click('c1', 'reply');
    const again = await d.replyTextarea('c1');
    await waitFor(() => again.value === 'First reply text', 'the draft back');
    await d.click('c2', 'reply');
    const again2 = await d.replyTextarea('c2');
    await waitFor(() => again2.value === 'Second reply text', 'its own draft back');
  });

  it('nests max-depth levels, lists deeper replies flat saying whom they answer, and collapses a branch', async () => {
    const thread = uniqueThread();
    // c1 ← c2 ← c3 ← c4 ← c5, and c6 a reply to c1.
    const seed = [
      makeComment(thread, 1),
      makeComment(thread, 2, {parentId: 'c1'}),
      makeComment(thread, 3, {parentId: 'c2'}),
      makeComment(thread, 4, {parentId: 'c3'}),
      makeComment(thread, 5, {parentId: 'c4'}),
      makeComment(thread, 6, {parentId: 'c1'}),
    ];
    const d = await section(new MemoryAdapter({seed: {[thread]: seed}}), thread, {maxDepth: 3});
    await waitFor(() => d.ids().length === 6, 'all six');
    const depth = (id: string) => {
      let n = 0;
      for (let li = d.comment(id)!.closest('li'); li; li = li.parentElement!.closest('li')) n++;
      return n;
    };
    expect(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map(depth)).to.deep.equal([1, 2, 3, 3, 3, 2]);
    const away = (id: string) => d.comment(id)!.shadowRoot!.querySelector<HTMLAnchorElement>('.in-reply');
    expect(away('c3')).to.equal(null, 'c3 answers the comment it is listed under');
    expect(away('c4')!.textContent).to.equal('in reply to Reader 3');
    expect(away('c4')!.getAttribute('href')).to.equal('#comment-c3');
    expect(away('c5')!.textContent).to.equal('in reply to Reader 4');

    const toggle = await waitFor(
      () => d.comment('c1')!.closest('li')!.querySelector<HTMLButtonElement>(':scope > .toggle'),
      'toggle'
    );
    expect([toggle.getAttribute('aria-expanded'), toggle.textContent.trim()]).to.deep.equal(['true', 'Hide replies']);
    toggle.click();
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'false', 'collapsed');
    expect(toggle.textContent.trim()).to.equal('Show 2 replies');
    expect(d.comment('c2')).to.equal(null);
    toggle.click();
    await waitFor(() => d.comment('c2') !== null, 'expanded');
  });
});

describe('links to comments', () => {
  it('reaches a comment far down with locate, marks and focuses it; says so for one that is gone', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({seed: {[thread]: seeded(thread, 120)}});
    const lists: unknown[] = [];
    const list = adapter.list.bind(adapter);
    adapter.list = (t, q, o) => (lists.push(q), list(t, q, o));
    history.replaceState(null, '', '#comment-c97');
    const d = await section(adapter, thread, {pageSize: 10});
    const target = await waitFor(() => (d.comment('c97')?.highlighted ? d.comment('c97') : null), 'the linked comment');
    expect(lists.length).to.equal(2, 'the first page, then one larger page up to it');
    await waitFor(() => deepActive() === target, 'focused');
    expect(target.tabIndex).to.equal(-1);
    expect(target.shadowRoot!.textContent).to.include('Linked comment');
    // Following another link moves the mark.
    location.hash = '#comment-c3';
    await waitFor(() => d.comment('c3')?.highlighted, 'the second link');
    expect(target.highlighted).to.equal(false);
    location.hash = '#comment-nope';
    await waitFor(() => d.live() === 'The linked comment no longer exists.', 'said politely');
  });

  it('pages through without locate, and takes ids no selector could', async () => {
    const thread = uniqueThread();
    const weird = '"><img src=x onerror=window.pwned=1> a/b?c#d';
    const memory = new MemoryAdapter({seed: {[thread]: [...seeded(thread, 25), makeComment(thread, 99, {id: weird})]}});
    // A backend that cannot locate: no `locate` in its features, no method.
    const adapter: CommentAdapter = {
      list: async (t, q, o) => {
        const page = await memory.list(t, q, o);
        return {...page, features: {...page.features, locate: false}};
      },
      post: (t, i, o) => memory.post(t, i, o),
    };
    history.replaceState(null, '', `#comment-${encodeURIComponent(weird)}`);
    const d = await section(adapter, thread, {pageSize: 10});
    const el = await waitFor(() => (d.comment(weird)?.highlighted ? d.comment(weird) : null), 'the weird comment');
    expect((window as {pwned?: number}).pwned).to.equal(undefined);
    expect(d.root().querySelector('img')).to.equal(null);
    const time = el.shadowRoot!.querySelector('a#time')!;
    expect(time.getAttribute('href')).to.equal(`#comment-${encodeURIComponent(weird)}`);
  });

  it('copies a comment link, says so, and offers it to copy by hand when the clipboard refuses', async () => {
    const thread = uniqueThread();
    const d = await section(new MemoryAdapter({seed: {[thread]: seeded(thread, 1)}}), thread);
    const copied: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    const stub = (ok: boolean) =>
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: {
          writeText: (t: string) =>
            ok ? (copied.push(t), Promise.resolve()) : Promise.reject(new DOMException('no', 'NotAllowedError')),
        },
      });
    try {
      stub(true);
      (await d.click('c1', 'copy')).focus();
      await waitFor(() => d.button('c1', 'copy')!.textContent.trim() === 'Link copied', 'visible confirmation');
      await waitFor(() => d.live() === 'Link copied', 'announced');
      expect(deepActive()).to.equal(d.button('c1', 'copy'), 'focus stays on the button');
      expect(copied).to.deep.equal([new URL('#comment-c1', location.href).href]);
      stub(false);
      d.button('c1', 'copy')!.click();
      const field = await waitFor(
        () => d.comment('c1')!.shadowRoot!.querySelector<HTMLInputElement>('.manual input'),
        'the link to copy'
      );
      expect(field.value).to.equal(new URL('#comment-c1', location.href).href);
      await waitFor(() => d.comment('c1')!.shadowRoot!.activeElement === field, 'focused, selected');
    } finally {
      delete (navigator as {clipboard?: unknown}).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });
});

describe('sort control and likes', () => {
  it('sorts by oldest, newest and most liked, and remembers the choice for the site', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({seed: {[thread]: seeded(thread, 3)}});
    await adapter.react(thread, 'c2', true);
    const d = await section(adapter, thread);
    const select = await d.sortSelect();
    expect([...select.options].map((o) => [o.value, o.textContent.trim()])).to.deep.equal([
      ['oldest', 'Oldest first'],
      ['newest', 'Newest first'],
      ['top', 'Most liked'],
    ]);
    expect(d.ids()).to.deep.equal(['c1', 'c2', 'c3']);
    select.value = 'top';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => d.ids().join() === 'c2,c1,c3', 'most liked first');
    expect(localStorage.getItem('parley:sort')).to.equal('top');
    // Another section on the site starts with it; the attribute is only the default.
    const other = await section(adapter, thread, {sort: 'newest'});
    await waitFor(() => other.ids().join() === 'c2,c1,c3', 'remembered');
    // A v1 backend has no `top`: the remembered choice falls back to the page's order.
    const v1 = await section(new MemoryAdapter({features: false, seed: {[thread]: seeded(thread, 3)}}), thread, {sort: 'newest'});
    await waitFor(() => v1.ids().join() === 'c3,c2,c1', 'the default order');
    expect([...(await v1.sortSelect()).options].map((o) => o.value)).to.deep.equal(['oldest', 'newest']);
    // Its buttons are there (they come with the actions chunk), the Like button not.
    await waitFor(() => v1.button('c1', 'reply'), 'the Reply button');
    expect(v1.button('c1', 'like')).to.equal(null, 'no likes on a v1 backend');
  });

  it('likes and unlikes at once, with the count in the label', async () => {
    const thread = uniqueThread();
    const d = await section(new MemoryAdapter({seed: {[thread]: seeded(thread, 1)}}), thread);
    const like = await waitFor(() => d.button('c1', 'like'), 'like');
    expect([like.textContent.trim(), like.getAttribute('aria-pressed')]).to.deep.equal(['Like 0', 'false']);
    like.focus();
    like.click();
    await waitFor(() => d.button('c1', 'like')!.getAttribute('aria-pressed') === 'true', 'pressed');
    expect(d.button('c1', 'like')!.textContent.trim()).to.equal('Like 1');
    expect(deepActive()).to.equal(d.button('c1', 'like'), 'focus stays on Like');
    d.button('c1', 'like')!.click();
    await waitFor(() => d.button('c1', 'like')!.getAttribute('aria-pressed') === 'false', 'unpressed');
    expect(d.button('c1', 'like')!.textContent.trim()).to.equal('Like 0');
    const box = d.button('c1', 'like')!.getBoundingClientRect();
    expect(box.height).to.be.at.least(24);
    expect(box.width).to.be.at.least(24);
  });
});

describe("the reader's own comments", () => {
  it('edits in place, says "edited", and deletes after a confirmation; the secret survives a new page', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({seed: {[thread]: seeded(thread, 1)}});
    const d = await section(adapter, thread);
    const id = await d.postOwn();
    const edit = await d.click(id, 'edit');
    const field = await waitFor(
      () => d.comment(id)!.shadowRoot!.querySelector('parley-edit')?.shadowRoot?.querySelector('textarea'),
      'the edit form'
    );
    expect(field.value).to.equal(BODY);
    typeInto(field, 'short');
    const editor = d.comment(id)!.shadowRoot!.querySelector('parley-edit')!;
    editor.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => editor.shadowRoot!.querySelector('[role="alert"]'), 'the counting rule');
    typeInto(field, `${BODY} Edited.`);
    editor.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => d.comment(id)!.shadowRoot!.querySelector('.body')?.textContent === `${BODY} Edited.`, 'the new text');
    expect(d.comment(id)!.shadowRoot!.querySelector('.edited')!.textContent).to.equal('edited just now');
    await waitFor(() => d.comment(id)!.shadowRoot!.activeElement === d.button(id, 'edit'), 'focus back on Edit');
    expect(edit.isConnected || d.button(id, 'edit')).to.be.ok;
    await waitFor(() => d.live() === 'Your comment was saved.', 'announced');

    // A new page (a fresh section): the secret came back from IndexedDB.
    const again = await section(adapter, thread);
    await waitFor(() => again.button(id, 'edit'), 'Edit on the new page');
    await again.click(id, 'delete');
    const confirm = await waitFor(
      () => again.comment(id)!.shadowRoot!.querySelector('parley-edit')?.shadowRoot?.querySelector('form'),
      'confirm'
    );
    expect(confirm.textContent).to.include('Delete your comment for good?');
    await sendKeys({press: 'Escape'});
    await waitFor(() => again.comment(id)!.shadowRoot!.querySelector('parley-edit') === null, 'cancelled by Escape');
    await again.click(id, 'delete');
    const yes = await waitFor(
      () =>
        again
          .comment(id)!
          .shadowRoot!.querySelector('parley-edit')
          ?.shadowRoot?.querySelector<HTMLButtonElement>('button[type="submit"]'),
      'the Delete button'
    );
    yes.click();
    await waitFor(() => again.comment(id) === null, 'gone, having no replies');
    await waitFor(() => again.live() === 'Comment deleted.', 'announced');
    await waitFor(() => deepActive() === again.button('c1', 'reply'), 'focus on the comment beside it');
    expect((await adapter.list(thread, {})).comments.map((c) => c.id)).to.deep.equal(['c1']);
  });

  it('says that this browser cannot change a comment whose secret the backend refuses, and keeps the text typed', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter();
    // The secret this browser sends is not the comment's (another browser's, an old copy).
    const edit = adapter.edit.bind(adapter);
    adapter.edit = (t, id, body, o) => edit(t, id, body, {...o, secret: 'not-this-comments-secret'});
    const d = await section(adapter, thread);
    const id = await d.postOwn();
    await d.click(id, 'edit');
    const editor = await waitFor(() => d.comment(id)!.shadowRoot!.querySelector('parley-edit'), 'the edit form');
    const field = await waitFor(() => editor.shadowRoot?.querySelector('textarea'), 'its textarea');
    typeInto(field, `${BODY} Changed.`);
    editor.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const alert = await waitFor(() => editor.shadowRoot!.querySelector('[role="alert"]'), 'the refusal');
    expect(alert.textContent).to.equal('This browser cannot change that comment.');
    expect(field.value).to.equal(`${BODY} Changed.`);
    expect((await adapter.list(thread, {})).comments.find((c) => c.id === id)!.body).to.equal(BODY);
  });

  it('keeps a placeholder where a deleted comment had replies, and drops the buttons when the window passes', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({editWindow: 3});
    const d = await section(adapter, thread);
    const id = await d.postOwn();
    await adapter.post(thread, {author: {name: 'Bo'}, body: BODY, parentId: id}, {idempotencyKey: crypto.randomUUID()});
    const fresh = await section(adapter, thread);
    await waitFor(() => fresh.ids().length === 2, 'the reply');
    await fresh.click(id, 'delete');
    const yes = await fresh.confirmDelete(id);
    yes.click();
    await waitFor(() => fresh.comment(id)?.hasAttribute('deleted'), 'the placeholder');
    expect(fresh.comment(id)!.shadowRoot!.querySelector('.name')!.textContent).to.equal('Deleted');
    expect(fresh.ids()).to.have.lengthOf(2, 'the reply keeps its place');
    // Another of the reader's comments: its buttons go when its window closes (3 s).
    const mine = await fresh.postOwn(`${BODY} Another.`);
    await waitFor(() => fresh.button(mine, 'edit'), 'Edit while the window is open');
    await waitFor(() => fresh.button(mine, 'edit') === null, 'gone when it closed', 5000);
  });

  it('holds live comments that would appear above the reader, and announces them', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({seed: {[thread]: seeded(thread, 2)}});
    const d = await section(adapter, thread, {live: true, sort: 'newest'});
    await waitFor(() => d.ids().length === 2, 'the comments');
    await adapter.post(thread, {author: {name: 'Bo'}, body: BODY}, {idempotencyKey: crypto.randomUUID()});
    await adapter.post(thread, {author: {name: 'Cy'}, body: BODY}, {idempotencyKey: crypto.randomUUID()});
    const show = await waitFor(() => d.root().querySelector<HTMLButtonElement>('[part="new-comments"]'), 'the button');
    await waitFor(() => show.textContent.trim() === '2 new comments — show', 'both counted');
    expect(d.ids()).to.deep.equal(['c2', 'c1'], 'what the reader reads does not move');
    await waitFor(() => d.live() === '2 new comments.' || d.live() === '1 new comment.', 'announced politely');
    show.click();
    await waitFor(() => d.ids().length === 4, 'shown');
    expect(d.ids().slice(2)).to.deep.equal(['c2', 'c1']);
  });
});
