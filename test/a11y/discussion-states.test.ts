import {expect} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import {makeComment, uniqueThread, waitFor} from '../helpers.js';
import {BODY, section} from '../components/discussion-helpers.js';
import {expectNoViolations} from './axe.js';

// axe (every WCAG 2.0–2.2 A and AA rule) on the states of a discussion: a reply form open,
// a collapsed branch, the sort control, a comment reached by its link, editing, the
// delete confirmation, a deleted comment's placeholder, and the report form.

afterEach(() => {
  localStorage.removeItem('parley:sort');
  history.replaceState(null, '', location.pathname + location.search);
});

describe('axe on the discussion', () => {
  it('a reply form open, a collapsed branch, the sort control, a linked comment', async () => {
    const thread = uniqueThread();
    const seed = [
      makeComment(thread, 1),
      makeComment(thread, 2, {parentId: 'c1'}),
      makeComment(thread, 3, {parentId: 'c2'}),
      makeComment(thread, 4),
    ];
    history.replaceState(null, '', '#comment-c3');
    const d = await section(new MemoryAdapter({seed: {[thread]: seed}}), thread);
    await waitFor(() => d.comment('c3')?.highlighted, 'the linked comment');
    await d.sortSelect();
    await expectNoViolations(d.el, 'linked comment, with the sort control');

    await d.click('c4', 'reply');
    await d.replyTextarea('c4');
    await expectNoViolations(d.el, 'reply form open');

    const toggle = await waitFor(
      () => d.comment('c1')!.closest('li')!.querySelector<HTMLButtonElement>(':scope > .toggle'),
      'toggle'
    );
    toggle.click();
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'false', 'collapsed');
    await expectNoViolations(d.el, 'collapsed branch');
  });

  it('editing, the delete confirmation, a deleted comment with replies', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({seed: {[thread]: [makeComment(thread, 1)]}});
    const d = await section(adapter, thread);
    const id = await d.postOwn();
    await adapter.post(thread, {author: {name: 'Bo'}, body: BODY, parentId: id}, {idempotencyKey: crypto.randomUUID()});

    await d.click(id, 'edit');
    const editor = () => d.comment(id)!.shadowRoot!.querySelector('parley-edit');
    await waitFor(() => editor()?.shadowRoot?.querySelector('textarea'), 'the edit form');
    await expectNoViolations(d.el, 'editing');
    editor()!.shadowRoot!.querySelector<HTMLButtonElement>('button.secondary')!.click();
    await waitFor(() => editor() === null, 'edit closed');

    const fresh = await section(adapter, thread);
    await waitFor(() => fresh.ids().length === 3, 'the reply');
    await fresh.click(id, 'delete');
    const yes = await fresh.confirmDelete(id);
    await expectNoViolations(fresh.el, 'delete confirmation');
    yes.click();
    await waitFor(() => fresh.comment(id)?.hasAttribute('deleted'), 'the placeholder');
    expect(fresh.ids()).to.have.lengthOf(3);
    await expectNoViolations(fresh.el, 'deleted placeholder');
  });

  it('the report form, and a comment reported (on the reference backend)', async () => {
    const thread = uniqueThread('report-axe');
    const api = new RestAdapter({endpoint: '/api/v1'});
    const c = await api.post(thread, {author: {name: 'Bo'}, body: BODY}, {idempotencyKey: crypto.randomUUID()});
    // Another reader than its author: a token of its own (kept per endpoint).
    const endpoint = `${location.origin}/api/v1`;
    localStorage.removeItem(`parley:author:${endpoint}`);
    const d = await section(new RestAdapter({endpoint}), thread);
    await d.click(c.id, 'report');
    await waitFor(() => d.comment(c.id)!.shadowRoot!.querySelector('.report'), 'the report form');
    await expectNoViolations(d.el, 'report form open');
    d.comment(c.id)!.shadowRoot!.querySelector<HTMLInputElement>('.report input[value="spam"]')!.click();
    d.comment(c.id)!.shadowRoot!.querySelector<HTMLButtonElement>('.report button[type="submit"]')!.click();
    await waitFor(() => d.button(c.id, 'reported'), 'reported');
    await expectNoViolations(d.el, 'reported');
  });
});
