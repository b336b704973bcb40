// Handles on a thread's comments, their buttons and reply forms, for the discussion tests.
import {fixture, html} from '@open-wc/testing';
import type {CommentAdapter, SortOrder} from '../../src/adapters/adapter.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import type {ParleyForm} from '../../src/components/form/form.js';
import {parts, typeInto, waitFor} from '../helpers.js';

export const BODY = 'A reply long enough to be accepted by the default rule of fifty.';

/** Mounts a section on `adapter` with the discussion's attributes. */
export async function section(
  adapter: CommentAdapter,
  thread: string,
  o: {maxDepth?: number; sort?: SortOrder; live?: boolean; pageSize?: number; noDrafts?: boolean} = {}
) {
  const el = await fixture<ParleyComments>(
    html`<parley-comments
      .adapter=${adapter}
      thread=${thread}
      eager
      ?live=${o.live ?? false}
      ?no-drafts=${o.noDrafts ?? false}
      sort=${o.sort ?? 'oldest'}
      max-depth=${o.maxDepth ?? 3}
      page-size=${o.pageSize ?? 50}
    ></parley-comments>`
  );
  return discussion(el);
}

export function discussion(el: ParleyComments) {
  const p = parts(el);
  const root = () => p.thread().shadowRoot!;
  const comment = (id: string) => p.comments().find((c) => c.comment?.id === id) ?? null;
  const button = (id: string, action: string) =>
    comment(id)?.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
  const replyForm = (id: string) =>
    [...root().querySelectorAll<ParleyForm>('parley-form')].find((f) => f.getAttribute('parent-id') === id) ?? null;
  /** The ids of the comments in the order shown. */
  const ids = () => p.comments().map((c) => c.comment!.id);
  return {
    ...p,
    root,
    comment,
    button,
    replyForm,
    ids,
    /** Waits until comment `id` shows its `action` button (the actions chunk is loaded), and clicks it. */
    async click(id: string, action: string) {
      const b = await waitFor(() => button(id, action), `the ${action} button of ${id}`);
      b.click();
      return b;
    },
    /** The textarea of the reply form under `id`, once rendered. */
    replyTextarea: (id: string) =>
      waitFor(() => replyForm(id)?.shadowRoot?.querySelector('textarea'), `the reply form under ${id}`),
    /** The submit button of the delete confirmation open on `id`, once rendered. */
    confirmDelete: (id: string) =>
      waitFor(
        () =>
          comment(id)
            ?.shadowRoot?.querySelector('parley-edit')
            ?.shadowRoot?.querySelector<HTMLButtonElement>('button[type="submit"]'),
        'the Delete button'
      ),
    /** Posts `body` as Ann through the main form; resolves to the posted comment's id. */
    async postOwn(body = BODY) {
      await waitFor(() => p.form().shadowRoot?.querySelector('textarea'), 'the form');
      const before = new Set(ids());
      p.nameInput().value = 'Ann';
      typeInto(p.textarea(), body);
      p.submit().click();
      return waitFor(() => ids().find((id) => !before.has(id) && !id.startsWith('sending:')), 'the posted comment');
    },
    live: () => root().querySelector('.live')!.textContent.trim(),
    sortSelect: () => waitFor(() => root().querySelector<HTMLSelectElement>('select[part="sort"]'), 'the sort control'),
  };
}

/** The element focused, through shadow roots. */
export function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
