import {expect, fixture, html} from '@open-wc/testing';
import {setViewport} from '@web/test-runner-commands';
import {ParleyError} from '../../src/adapters/adapter.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import type {Catalogue, Message} from '../../src/i18n/catalogue.js';
import {en} from '../../src/i18n/catalogues/en.js';
import {enMore} from '../../src/i18n/catalogues/en-more.js';
import {registerCatalogue} from '../../src/i18n/locale.js';
import {ControlledAdapter, makeComment, parts, typeInto, uniqueThread, waitFor} from '../helpers.js';

// A pseudo-locale: every string of English with accents and 40 % longer, as translations
// often are (German, French), at 320 px: nothing may stick out sideways.

const ACCENTED: Record<string, string> = {a: 'á', e: 'ë', i: 'ï', o: 'õ', u: 'ü', c: 'ç', n: 'ñ', s: 'š', y: 'ÿ', z: 'ž'};
const FILLER = 'ļőňğ ŵőŕď ťëxť';

/** `text` with accented letters (placeholders kept) and 40 % more, in words. */
function pseudo(text: string): string {
  const accented = text.replace(/\{\w+\}|\p{L}/gu, (m) =>
    m.length > 1 ? m : (ACCENTED[m] ?? ACCENTED[m.toLowerCase()]?.toUpperCase() ?? m)
  );
  const extra = Math.ceil(text.length * 0.4);
  return `[${accented} ${FILLER.repeat(Math.ceil(extra / FILLER.length))
    .slice(0, extra)
    .trim()}]`;
}

const pseudoMessage = (m: Message): Message =>
  typeof m === 'string'
    ? pseudo(m)
    : (Object.fromEntries(Object.entries(m).map(([k, v]) => [k, pseudo(v as string)])) as unknown as Message);

function pseudoCatalogue(): Catalogue {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({...en, ...enMore})) {
    out[key] =
      key === 'error'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, pseudoMessage(v as Message)]))
        : pseudoMessage(value as Message);
  }
  return out as unknown as Catalogue;
}

/** Every element inside `root` and the shadow roots below it. */
function* deep(root: Element | ShadowRoot): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

describe('a pseudo-locale 40 % longer, with accents, at 320 px', () => {
  before(() => registerCatalogue('en-XA', pseudoCatalogue()));
  after(() => setViewport({width: 800, height: 600}));

  it('the strings are longer and accented', () => {
    expect(pseudo('Post Comment')).to.equal('[Põšt Çõmmëñt ļőňğ]');
    for (const text of ['Post Comment', en.moderationNote as string])
      expect(pseudo(text).length).to.be.at.least(text.length * 1.4);
  });

  it('breaks no layout: no element sticks out of the section, and the page does not scroll sideways', async () => {
    await setViewport({width: 320, height: 640});
    const adapter = new ControlledAdapter();
    const thread = uniqueThread('pseudo');
    const el = await fixture<ParleyComments>(
      html`<parley-comments
        .adapter=${adapter}
        thread=${thread}
        locale="en-XA"
        max-length="60"
        no-drafts
        eager
      ></parley-comments>`
    );
    const p = parts(el);
    await waitFor(() => adapter.lists.length === 1, 'the list');
    adapter.lists[0].resolve({
      comments: [
        makeComment(thread, 1, {
          author: {name: 'Priya Subramanian-Longname'},
          body: 'A comment with a long word: Donaudampfschifffahrtsgesellschaft.',
        }),
        makeComment(thread, 2, {status: 'pending'}),
      ],
      nextCursor: 'more',
      total: 3,
    });
    await waitFor(() => p.comments().length === 2, 'the comments');
    await waitFor(() => p.form().shadowRoot?.querySelector('textarea'), 'the form');
    expect(p.heading()).to.include('[Rëádër Çõmmëñtš');
    typeInto(p.nameInput(), 'Priya');
    typeInto(p.textarea(), 'x'.repeat(70));
    p.submit().click();
    await waitFor(() => p.error(), 'the error');
    // A post that failed, for the longest message there is.
    typeInto(p.textarea(), 'x'.repeat(55));
    p.submit().click();
    await waitFor(() => adapter.posts.length === 1, 'the post');
    adapter.posts[0].reject(new ParleyError('network', 'offline'));
    await waitFor(() => p.error().includes('ŏ') || p.error().length > 60, 'the network error');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

    const box = el.getBoundingClientRect();
    expect(box.right).to.be.at.most(320);
    const out: string[] = [];
    for (const e of deep(el.shadowRoot!)) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (e.closest('.visually-hidden') || e.classList.contains('visually-hidden')) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${e.localName}.${e.className} ${r.left}…${r.right}`);
    }
    expect(out, 'elements outside the section').to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });
});
