import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyComments} from '../../src/components/comments/comments.js';
import {registerCatalogue} from '../../src/i18n/locale.js';
import {makeComment, parts, uniqueThread, waitFor} from '../helpers.js';

// Which language a section speaks: its locale, else the page's nearest lang; switching at
// run time; catalogues a page registers, or that fail to load; overrides; direction.

const section = (el: ParleyComments) => el.shadowRoot!.querySelector('section')!;
const heading = (el: ParleyComments) => el.shadowRoot!.querySelector('h2')?.textContent.replace(/\s+/g, ' ').trim() ?? '';

/** A backend holding a comment in English and one in Arabic. */
function withComments(thread = uniqueThread('i18n')) {
  const comments = [
    makeComment(thread, 1, {author: {name: 'Priya S'}, body: 'Please keep it short.'}),
    makeComment(thread, 2, {author: {name: 'سارة'}, body: 'مرحبا بكم جميعا'}),
  ];
  return {adapter: new MemoryAdapter({seed: {[thread]: comments}}), thread};
}

describe('language of the section', () => {
  it('follows locale, and switching it at run time re-renders every string', async () => {
    const {adapter, thread} = withComments();
    const el = await fixture<ParleyComments>(
      html`<parley-comments .adapter=${adapter} thread=${thread} locale="de" no-drafts eager></parley-comments>`
    );
    const p = parts(el);
    await waitFor(() => heading(el).startsWith('Leserkommentare'), 'German');
    await waitFor(() => p.comments().length === 2, 'comments');
    expect(heading(el)).to.equal('Leserkommentare 2 Kommentare');
    expect(section(el).lang).to.equal('de');
    await waitFor(() => p.form().shadowRoot?.querySelector('h3'), 'the form');
    expect(p.form().shadowRoot!.querySelector('h3')!.textContent).to.equal('Kommentar schreiben');
    expect(p.counter()).to.equal('0/50');

    el.locale = 'ar';
    await waitFor(() => heading(el).startsWith('تعليقات القرّاء'), 'Arabic');
    expect(heading(el)).to.equal('تعليقات القرّاء تعليقان');
    expect(section(el).lang).to.equal('ar');
    expect(section(el).dir).to.equal('rtl');
    expect(getComputedStyle(p.form()).direction).to.equal('rtl');
    await p.form().updateComplete;
    expect(p.form().shadowRoot!.querySelector('label[for="body"]')!.textContent).to.equal('التعليق');
    const time = p.comments()[0].shadowRoot!.querySelector('time')!;
    expect(time.textContent).not.to.match(/ago|just now/);

    el.locale = 'en';
    await waitFor(() => heading(el) === 'Reader Comments 2 comments', 'English again');
    expect(section(el).hasAttribute('dir')).to.equal(false);
  });

  it('without locale, speaks the nearest lang of the page, then the lang of <html>', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="fr">
        <div><parley-comments .adapter=${new MemoryAdapter()} thread=${uniqueThread()} no-drafts eager></parley-comments></div>
      </div>`
    );
    const el = page.querySelector('parley-comments')!;
    await waitFor(() => heading(el).startsWith('Commentaires des lecteurs'), 'French from the nearest lang');

    const before = document.documentElement.lang;
    document.documentElement.lang = 'es-MX';
    try {
      const plain = await fixture<ParleyComments>(
        html`<parley-comments .adapter=${new MemoryAdapter()} thread=${uniqueThread()} no-drafts eager></parley-comments>`
      );
      await waitFor(() => heading(plain).startsWith('Comentarios de los lectores'), 'Spanish from <html lang>');
      expect(section(plain).lang).to.equal('es');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('a region finds its language (de-AT → de), with dates in the region', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter({
      seed: {[thread]: [makeComment(thread, 1, {createdAt: new Date(Date.now() - 6 * 60_000).toISOString()})]},
    });
    const el = await fixture<ParleyComments>(
      html`<parley-comments .adapter=${adapter} thread=${thread} locale="de-AT" no-drafts eager></parley-comments>`
    );
    await waitFor(() => heading(el) === 'Leserkommentare 1 Kommentar', 'German');
    await waitFor(() => parts(el).comments().length === 1, 'the comment');
    const time = parts(el).comments()[0].shadowRoot!.querySelector('time')!;
    expect(time.textContent.trim()).to.equal('vor 6 Minuten');
  });

  it('falls back to English, quietly, when a catalogue cannot be loaded', async () => {
    registerCatalogue('pt', () => import(/* @vite-ignore */ `${location.origin}/no/such/catalogue-pt.js`));
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = await fixture<ParleyComments>(
        html`<parley-comments
          .adapter=${new MemoryAdapter()}
          thread=${uniqueThread()}
          locale="pt-BR"
          no-drafts
          eager
        ></parley-comments>`
      );
      await waitFor(() => heading(el).startsWith('Reader Comments'), 'English');
      expect(section(el).lang).to.equal('en');
      await waitFor(() => parts(el).threadText().includes('No comments yet'), 'the empty thread');
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      expect(warnings.join('\n')).to.include('the pt strings could not be loaded');
    } finally {
      console.warn = warn;
    }
  });

  it('shows English after 3 s when a catalogue hangs, and the catalogue when it comes', async () => {
    let arrive!: (c: object) => void;
    registerCatalogue('nl', () => new Promise((resolve) => (arrive = resolve)));
    const el = await fixture<ParleyComments>(
      html`<parley-comments
        .adapter=${new MemoryAdapter()}
        thread=${uniqueThread()}
        locale="nl"
        no-drafts
        eager
      ></parley-comments>`
    );
    await new Promise((r) => setTimeout(r, 2500));
    expect(el.shadowRoot!.querySelector('h2'), 'nothing yet, waiting for Dutch').to.equal(null);
    await waitFor(() => heading(el).startsWith('Reader Comments'), 'English after 3 s', 2000);
    arrive({heading: 'Reacties van lezers'});
    await waitFor(() => heading(el).startsWith('Reacties van lezers'), 'Dutch once it came');
  });

  it('shows a catalogue the page registers, also after the section showed English', async () => {
    const el = await fixture<ParleyComments>(
      html`<parley-comments
        .adapter=${new MemoryAdapter()}
        thread=${uniqueThread()}
        locale="it"
        no-drafts
        eager
      ></parley-comments>`
    );
    await waitFor(() => heading(el).startsWith('Reader Comments'), 'English first');
    registerCatalogue('it', {
      heading: 'Commenti dei lettori',
      commentCount: {one: '{count} commento', other: '{count} commenti'},
    });
    await waitFor(() => heading(el).startsWith('Commenti dei lettori'), 'Italian');
    expect(section(el).lang).to.equal('it');
    // What the catalogue leaves out reads in English.
    await waitFor(() => parts(el).threadText().includes('No comments yet'), 'English for the rest');
    expect(heading(el)).to.equal('Commenti dei lettori 0 commenti');
    expect(() => registerCatalogue('not a tag', {})).to.throw(/not a language tag/);
  });

  it('takes overrides as JSON in the strings attribute, over the language shown', async () => {
    const strings = JSON.stringify({heading: 'Ihre Meinung', commentCount: {one: '{count} Beitrag', other: '{count} Beiträge'}});
    const el = await fixture<ParleyComments>(
      html`<parley-comments
        .adapter=${new MemoryAdapter()}
        thread=${uniqueThread()}
        locale="de"
        strings=${strings}
        no-drafts
        eager
      >
      </parley-comments>`
    );
    await waitFor(() => heading(el) === 'Ihre Meinung 0 Beiträge', 'the overrides');
    await waitFor(() => parts(el).threadText().includes('Noch keine Kommentare'), 'German for the rest');
    el.strings = {heading: 'Leserbriefe', commentCount: (n: number) => `${n} Briefe`};
    await waitFor(() => heading(el) === 'Leserbriefe 0 Briefe', 'overrides from JavaScript');
  });

  it('isolates every string: English on a right-to-left page, names and bodies in either direction', async () => {
    const {adapter, thread} = withComments();
    const page = await fixture<HTMLDivElement>(
      html`<div dir="rtl" lang="en">
        <parley-comments .adapter=${adapter} thread=${thread} no-drafts eager></parley-comments>
      </div>`
    );
    const el = page.querySelector('parley-comments')!;
    const p = parts(el);
    await waitFor(() => p.comments().length === 2, 'comments');
    await p.el.updateComplete;
    const dir = (e: Element) => getComputedStyle(e).direction;
    // The layout mirrors with the page...
    expect(dir(section(el))).to.equal('rtl');
    // ...while "2 comments" and "Please keep comments…." read left to right, not "comments 2", ".Please".
    expect(dir(el.shadowRoot!.querySelector('.count')!)).to.equal('ltr');
    expect(dir(el.shadowRoot!.querySelector('.note')!)).to.equal('ltr');
    const [english, arabic] = p.comments().map((c) => c.shadowRoot!);
    expect(dir(english.querySelector('.body')!)).to.equal('ltr');
    expect(dir(arabic.querySelector('.body')!)).to.equal('rtl');
    expect(arabic.querySelector('.name')!.localName).to.equal('bdi');
    await p.form().updateComplete;
    expect(dir(p.form().shadowRoot!.querySelector('#rule')!)).to.equal('ltr');
  });
});
