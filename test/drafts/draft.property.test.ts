import {expect, fixture, html} from '@open-wc/testing';
import fc from 'fast-check';
import {ParleyError} from '../../src/adapters/adapter.js';
import type {Comment, CommentAdapter, NewComment} from '../../src/adapters/adapter.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {parts, typeInto, uniqueThread, waitFor} from '../helpers.js';
import type {Parts} from '../helpers.js';

/** A backend that accepts or fails each post as the test says, remembering keys. */
class Backend implements CommentAdapter {
  fail = false;
  comments: Comment[] = [];
  keys = new Map<string, Comment>();
  async list() {
    return {comments: [...this.comments], nextCursor: null, total: this.comments.length};
  }
  async post(thread: string, input: NewComment, o: {idempotencyKey: string}) {
    if (this.fail) throw new ParleyError('server', 'down');
    const known = this.keys.get(o.idempotencyKey);
    if (known) return known;
    const c: Comment = {
      id: `c${this.comments.length}`,
      threadId: thread,
      parentId: null,
      author: {name: input.author.name},
      body: input.body,
      createdAt: new Date().toISOString(),
      status: 'published',
    };
    this.comments.push(c);
    this.keys.set(o.idempotencyKey, c);
    return c;
  }
}

type Step = {op: 'type'; text: string} | {op: 'pause'} | {op: 'reload'} | {op: 'post'; ok: boolean};

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({op: fc.constant('type' as const), text: fc.string({unit: 'grapheme', minLength: 0, maxLength: 70})}),
  fc.constant({op: 'pause' as const}),
  fc.constant({op: 'reload' as const}),
  fc.record({op: fc.constant('post' as const), ok: fc.boolean()})
);

/** The form's draft controller: whether a write is due (`dirty`), and the writes under way. */
const drafts = (p: Parts) => (p.form() as unknown as {drafts: {status: string; dirty: boolean; writing: Promise<void>}}).drafts;

async function open(thread: string, backend: Backend): Promise<Parts> {
  const el = await fixture<ParleyComments>(html`<parley-comments .adapter=${backend} thread=${thread} eager></parley-comments>`);
  const p = parts(el);
  await waitFor(() => p.threadText() !== '' && !p.threadText().includes('Loading'), 'thread');
  await waitFor(() => drafts(p).status !== 'loading', 'draft');
  return p;
}

describe('drafts (property): no typed text is ever lost', () => {
  it('after any sequence of edits, pauses, reloads and posts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, {minLength: 1, maxLength: 7}), async (steps) => {
        const thread = uniqueThread('prop');
        const backend = new Backend();
        let p = await open(thread, backend);
        typeInto(p.nameInput(), 'Prop Tester');
        // What the reader typed last and has not seen accepted by the backend.
        let unsent = '';
        for (const s of steps) {
          if (s.op === 'type') {
            typeInto(p.textarea(), s.text);
            unsent = s.text;
          } else if (s.op === 'pause') {
            // The reader stops long enough for the debounced write (400 ms after the last
            // change) to be made: wait for exactly that, not a fixed time; a pause with no
            // write due changes nothing and costs nothing.
            await waitFor(() => !drafts(p).dirty, 'the debounced write', 2000);
            await drafts(p).writing;
          } else if (s.op === 'reload') {
            window.dispatchEvent(new PageTransitionEvent('pagehide'));
            p.el.remove();
            p = await open(thread, backend);
          } else {
            backend.fail = !s.ok;
            const before = backend.comments.length;
            p.submit().click();
            await p.form().updateComplete; // aria-busy says whether it is sending
            await waitFor(
              () => !p.submit().hasAttribute('aria-busy') || p.submit().getAttribute('aria-busy') === 'false',
              'post settled'
            );
            if (backend.comments.length > before) {
              expect(backend.comments.at(-1)!.body).to.equal(unsent.trim().normalize('NFC'));
              unsent = '';
            }
          }
          // The invariant: the form shows what the reader typed (white space alone is not
          // kept), or it has been posted.
          expect(p.textarea().value.trim()).to.equal(unsent.trim());
        }
        p.el.remove();
      }),
      // Within the test's 10 s: a failure is reported with its counterexample, shrunk as far
      // as time allowed, not as a timeout, and a run too slow to finish fails.
      {numRuns: 12, plugins: [fc.interruptAfterTimeLimit(8000, {failOnInterrupt: true})]}
    );
  });
});
