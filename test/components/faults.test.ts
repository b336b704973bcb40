import {expect, fixture, html} from '@open-wc/testing';
import type {CommentAdapter} from '../../src/adapters/adapter.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {parts, typeInto, uniqueThread, waitFor} from '../helpers.js';

// What a reader sees when the real HTTP backend fails in each way, and that the text stays.

const api = new RestAdapter({endpoint: '/api/v1'});
const BODY = `My considered opinion, typed on a flaky phone connection. ${'!'.repeat(3)}`;

/** Lists from the real backend; posts to the fault route `kind`. */
function postsTo(kind: string, timeout?: number): CommentAdapter {
  const faulty = new RestAdapter({endpoint: `/api/fault/${kind}`, timeout});
  return {list: (...a) => api.list(...a), post: (...a) => faulty.post(...a)};
}

async function open(thread: string, adapter: CommentAdapter) {
  const el = await fixture<ParleyComments>(html`<parley-comments .adapter=${adapter} thread=${thread} eager></parley-comments>`);
  const p = parts(el);
  await waitFor(() => p.threadText().includes('No comments yet') || p.comments().length > 0, 'thread');
  return p;
}

describe('posting when the backend fails', () => {
  const cases: [kind: string, message: string][] = [
    ['hang', 'The comment server took too long to answer. Your text is kept; try again.'],
    ['reset', 'You seem to be offline, or the comment server cannot be reached. Your text is kept; try again.'],
    ['html500', 'The comment server had a problem. Your text is kept; try again.'],
    ['truncated', 'The comment server had a problem. Your text is kept; try again.'],
    ['wrong-shape', 'The comment server had a problem. Your text is kept; try again.'],
    ['e429', 'Too many comments right now. Please try again in 7 seconds.'],
    ['e413', 'The server says the comment is too long.'],
  ];
  for (const [kind, message] of cases) {
    it(`${kind}: says "${message.slice(0, 40)}…" and keeps the text`, async () => {
      const p = await open(uniqueThread(kind), postsTo(kind, 400));
      typeInto(p.nameInput(), 'Priya S');
      typeInto(p.textarea(), BODY);
      p.submit().click();
      await waitFor(() => p.error(), 'error');
      expect(p.error()).to.equal(message);
      expect(p.textarea().value).to.equal(BODY);
      expect(p.comments()).to.have.length(0);
    });
  }

  it('a lost answer, a reload and a retry: exactly one comment', async () => {
    const thread = uniqueThread('lost');
    let p = await open(thread, postsTo('lost-answer'));
    typeInto(p.nameInput(), 'Priya S');
    typeInto(p.textarea(), BODY);
    p.submit().click();
    await waitFor(() => p.error(), 'error');
    expect(p.textarea().value).to.equal(BODY);

    p.el.remove();
    p = await open(thread, api); // the page is reloaded; the backend has the comment
    await waitFor(() => p.textarea().value === BODY, 'draft restored');
    expect(p.comments()).to.have.length(1); // the server's copy, already listed
    p.submit().click();
    await waitFor(() => p.textarea().value === '', 'accepted');
    const page = await api.list(thread, {});
    expect(page.total).to.equal(1);
    expect(p.comments()).to.have.length(1);
  });
});
