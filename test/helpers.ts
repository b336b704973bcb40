import './setup.js';
import {fixture, html} from '@open-wc/testing';
import '../src/define.js';
import type {ParleyComments} from '../src/components/comments/comments.js';
import type {Comment, CommentAdapter, CommentPage, NewComment} from '../src/adapters/adapter.js';

export {waitFor} from './plain-helpers.js';

export function uniqueThread(prefix = 't'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export function makeComment(thread: string, i: number, extra: Partial<Comment> = {}): Comment {
  return {
    id: `c${i}`,
    threadId: thread,
    parentId: null,
    author: {name: `Reader ${i}`},
    body: `Comment number ${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    status: 'published',
    ...extra,
  };
}

interface Call<T> {
  args: unknown[];
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

/** An adapter whose every call waits until the test resolves or rejects it. */
export class ControlledAdapter implements CommentAdapter {
  lists: Call<CommentPage>[] = [];
  posts: (Call<Comment> & {input: NewComment; key: string})[] = [];

  list(...args: unknown[]): Promise<CommentPage> {
    return new Promise((resolve, reject) => this.lists.push({args, resolve, reject}));
  }

  post(_thread: string, input: NewComment, o: {idempotencyKey: string}): Promise<Comment> {
    return new Promise((resolve, reject) =>
      this.posts.push({args: [_thread, input, o], input, key: o.idempotencyKey, resolve, reject})
    );
  }
}

/** Mounts a `<parley-comments>` with `adapter` and returns it with handles on its parts. */
export async function mount(
  adapter: CommentAdapter,
  thread = uniqueThread(),
  attrs: {noDrafts?: boolean; minLength?: number; maxLength?: number} = {}
) {
  const el = await fixture<ParleyComments>(
    html`<parley-comments
      .adapter=${adapter}
      thread=${thread}
      ?no-drafts=${attrs.noDrafts ?? false}
      min-length=${attrs.minLength ?? 50}
      max-length=${attrs.maxLength ?? 5000}
    ></parley-comments>`
  );
  return parts(el);
}

export function parts(el: ParleyComments) {
  const root = el.shadowRoot!;
  const form = () => root.querySelector('parley-form')!;
  const thread = () => root.querySelector('parley-thread')!;
  const inForm = <E extends Element>(sel: string) => form().shadowRoot!.querySelector<E>(sel);
  return {
    el,
    form,
    thread,
    textarea: () => inForm<HTMLTextAreaElement>('textarea')!,
    nameInput: () => inForm<HTMLInputElement>('input[name="name"]')!,
    submit: () => inForm<HTMLButtonElement>('button[type="submit"]')!,
    counter: () => inForm<HTMLElement>('#counter')!.textContent.trim(),
    error: () => inForm<HTMLElement>('.error')?.textContent?.trim() ?? '',
    status: () => inForm<HTMLElement>('[role="status"]')!.textContent.trim(),
    draftNote: () => inForm<HTMLElement>('#draft')!.textContent.trim(),
    comments: () => [...thread().shadowRoot!.querySelectorAll('parley-comment')],
    threadText: () => thread().shadowRoot!.textContent.replace(/\s+/g, ' ').trim(),
    heading: () => root.querySelector('h2')!.textContent.replace(/\s+/g, ' ').trim(),
  };
}

export type Parts = ReturnType<typeof parts>;

/** Sets the textarea as if the reader had typed or pasted `text`. */
export function typeInto(field: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText', data: text}));
}
