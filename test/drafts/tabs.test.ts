import '../setup.js';
import {expect, oneEvent} from '@open-wc/testing';
import type {CommentAdapter} from '../../src/adapters/adapter.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {createIdbDraftStore} from '../../src/drafts/draft-store.js';
import {waitFor} from '../plain-helpers.js';
import {form, open, reloaded, textarea} from './frames.js';

// Two tabs on one draft: two iframes of test/drafts/reload-page.html (./frames.ts), each a
// document with its modules, journal id and draft controller, sharing the origin's
// IndexedDB as two tabs do.

const store = createIdbDraftStore();
const BODY_A = 'Written in tab A first, long enough to be sent as a comment here.';
const BODY_B = `${BODY_A} Then tab B added these newer words.`;

const section = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector<ParleyComments>('parley-comments')!;

/** Sets a field of a frame's form as a reader's typing or pasting does. */
function fill(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  const view = field.ownerDocument.defaultView!;
  field.value = text;
  field.dispatchEvent(new view.InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText', data: text}));
}

/** Holds the posts of the frame's backend (its memory adapter) until `release()`. */
function holdPosts(frame: HTMLIFrameElement) {
  const adapter = section(frame).adapter as CommentAdapter;
  const post = adapter.post.bind(adapter);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let calls = 0;
  adapter.post = async (...args) => {
    calls++;
    await released;
    return post(...args);
  };
  return {release, calls: () => calls};
}

describe('drafts in two tabs', () => {
  it('a post accepted in tab A keeps the newer text tab B wrote while it was sending', async () => {
    const thread = `tabs-${crypto.randomUUID()}`;
    const stored = async () => (await store.get([thread, '']))?.body;
    const a = await open(thread);
    let b: HTMLIFrameElement | undefined;
    try {
      const formA = await form(a);
      fill(formA.shadowRoot!.querySelector('input[name="name"]')!, 'Priya S');
      fill(await textarea(a), BODY_A);
      await waitFor(async () => (await stored()) === BODY_A, "A's draft saved");
      b = await open(thread);
      const fieldB = await textarea(b);
      await waitFor(() => fieldB.value === BODY_A, "B showing A's draft");

      // A sends; while its comment is on the way, B goes on writing, and that is saved.
      const held = holdPosts(a);
      const posted = oneEvent(section(a), 'parley-posted'); // sent once A has cleared its draft
      formA.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitFor(() => held.calls() === 1, "A's post sent");
      fill(fieldB, BODY_B);
      await waitFor(async () => (await stored()) === BODY_B, "B's newer text saved");
      held.release();
      expect((await posted).detail.comment.body).to.equal(BODY_A);

      expect(await stored()).to.equal(BODY_B);
      await reloaded(b, () => b!.contentWindow!.location.reload());
      const field = await textarea(b);
      await waitFor(() => field.value === BODY_B, "B's text after B's reload");
    } finally {
      a.remove();
      b?.remove();
    }
  });
});
