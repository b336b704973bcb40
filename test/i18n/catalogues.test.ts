import {expect} from '@open-wc/testing';
import type {Catalogue, Message, PluralForms} from '../../src/i18n/catalogue.js';
import {PARAMS, compile} from '../../src/i18n/catalogue.js';
import {en as reading} from '../../src/i18n/catalogues/en.js';
import {enMore} from '../../src/i18n/catalogues/en-more.js';
import '../../src/i18n/english-more.js';
import {builtIn} from '../../src/i18n/catalogues/index.js';
import {BESIDE} from '../../src/embed/catalogues-beside.js';
import {candidates} from '../../src/i18n/locale.js';
import {defaultStrings} from '../../src/i18n/strings.js';

// Every catalogue against English: the same keys, every plural form its language needs,
// the placeholders its key has; then what the compiled strings say.

/** English, both halves: what the first load has, and what comes with the form. */
const en = {...reading, ...enMore} as Catalogue;

const CATALOGUES = builtIn as Record<string, () => Promise<{default: Catalogue}>>;

const isPlural = (m: unknown): m is PluralForms => typeof m === 'object' && m !== null && 'other' in m;

/** Every message of a catalogue, by its path (`error.rate_limited`). */
function messages(c: Catalogue): Map<string, Message> {
  const out = new Map<string, Message>();
  for (const [key, value] of Object.entries(c) as [string, unknown][]) {
    if (key === 'error') for (const [code, m] of Object.entries(value as object)) out.set(`error.${code}`, m as Message);
    else out.set(key, value as Message);
  }
  return out;
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('catalogues', () => {
  it('dist/parley-count.js loads the same catalogues from beside it as the bundles split off', () => {
    expect(BESIDE).to.deep.equal(Object.keys(builtIn));
  });

  it('English has every key of ParleyStrings, and nothing else, in two halves', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(defaultStrings).sort());
    expect(Object.keys(reading).filter((k) => k in enMore)).to.deep.equal([], 'no key in both');
  });

  it('strings built over others read what those gain later, and actionError reads their own error', () => {
    const base = compile({heading: 'Comments', error: {forbidden: 'No.'}}, 'en');
    const page = compile({retry: 'Again', error: {forbidden: 'Not yours.'}}, 'en', base);
    expect(page.heading).to.equal('Comments');
    Object.assign(base, compile({submit: 'Post', actionError: 'Offline.'}, 'en'));
    expect(page.submit).to.equal('Post', 'added to the base after the page was built');
    expect(page.actionError('forbidden')).to.equal('Not yours.', "the page's error");
    expect(page.actionError('network')).to.equal('Offline.');
    expect(base.actionError('forbidden')).to.equal('No.');
  });

  for (const [locale, load] of Object.entries(CATALOGUES)) {
    it(`${locale}: exactly the keys of English, every plural form of ${locale}, the placeholders of each key`, async () => {
      const catalogue = (await load()).default;
      const mine = messages(catalogue);
      const english = messages(en);
      expect([...mine.keys()].sort(), 'keys').to.deep.equal([...english.keys()].sort());
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      for (const [key, message] of mine) {
        const allowed = new Set([
          ...(PARAMS[key as keyof typeof PARAMS] ?? []),
          ...(key === 'error.rate_limited' ? ['count'] : []),
        ]);
        const reference = english.get(key)!;
        if (isPlural(reference)) {
          expect(isPlural(message), `${key} has plural forms`).to.equal(true);
          expect(Object.keys(message).sort(), `${key}: the plural categories of ${locale}`).to.deep.equal(categories);
        } else expect(typeof message, `${key} is text`).to.equal('string');
        const forms = isPlural(message) ? Object.values(message) : [message];
        for (const text of forms) {
          expect(text.trim(), `${key} is translated`).not.to.equal('');
          for (const name of placeholders(text)) expect(allowed.has(name), `${key}: {${name}}`).to.equal(true);
        }
        // The general form says every number English says.
        const other = isPlural(message) ? message.other : message;
        const wanted = placeholders(isPlural(reference) ? reference.other : reference);
        expect([...placeholders(other)].sort(), `${key}: placeholders of "other"`).to.deep.equal([...wanted].sort());
      }
    });
  }

  it('Arabic: six plural forms, each noun agreeing with its number', async () => {
    const strings = compile((await CATALOGUES.ar()).default, 'ar', defaultStrings);
    const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
    expect([0, 1, 2, 3, 11, 100].map((n) => strings.commentCount(n))).to.deep.equal([
      'لا تعليقات',
      'تعليق واحد',
      'تعليقان',
      `${digits(3)} تعليقات`,
      `${digits(11)} تعليقًا`,
      `${digits(100)} تعليق`,
    ]);
  });

  it('formats numbers for the locale, and chooses the plural form by the right number', async () => {
    const de = compile((await CATALOGUES.de()).default, 'de', defaultStrings);
    expect(de.commentCount(1)).to.equal('1 Kommentar');
    expect(de.commentCount(1234)).to.equal('1.234 Kommentare');
    expect(de.tooShort(23, 50)).to.equal('Ihr Kommentar braucht mindestens 50 Zeichen; er hat 23.');
    const fr = compile((await CATALOGUES.fr()).default, 'fr', defaultStrings);
    expect(fr.counterRemaining(1, 5000)).to.equal('1 caractère restant');
    expect(fr.counterRemaining(4950, 5000)).to.equal(`4\u202f950 caractères restants`);
    expect(fr.error('rate_limited', 30)).to.equal('Trop de commentaires en ce moment. Réessayez dans 30 secondes.');
    expect(defaultStrings.tooShort(1, 1)).to.equal('Your comment needs at least 1 character; it has 1.');
    expect(defaultStrings.tooShort(23, 50)).to.equal('Your comment needs at least 50 characters; it has 23.');
    expect(defaultStrings.error('rate_limited', 1)).to.equal('Too many comments right now. Please try again in 1 second.');
    expect(defaultStrings.error('rate_limited')).to.equal('Too many comments right now. Please try again in a moment.');
    expect(defaultStrings.error('gone')).to.equal(defaultStrings.error('not_found'));
    expect(defaultStrings.error('bad_response')).to.equal(defaultStrings.error('server'));
  });

  it('puts names and times in as they are, and says what error says for an action but when the server is out of reach', async () => {
    expect(defaultStrings.replyHeading('Ann 42')).to.equal('Reply to Ann 42');
    expect(defaultStrings.showReplies(1)).to.equal('Show 1 reply');
    expect(defaultStrings.newComments(1200)).to.equal('1,200 new comments — show');
    const de = compile((await CATALOGUES.de()).default, 'de', defaultStrings);
    expect(de.showReplies(1234)).to.equal('1.234 Antworten anzeigen');
    expect(de.edited('vor 5 Minuten')).to.equal('bearbeitet vor 5 Minuten');
    expect(de.actionError('network')).to.equal('Der Kommentarserver ist nicht erreichbar. Bitte versuchen Sie es erneut.');
    expect(de.actionError('forbidden')).to.equal(de.error('forbidden'));
    expect(defaultStrings.actionError('timeout')).to.equal('The comment server cannot be reached. Try again.');
    // A page's own `error` is what its actions say too; its own actionError wins for the network.
    const page = compile({error: {forbidden: 'Not yours.'}, actionError: 'Offline?'}, 'en', de);
    expect([page.actionError('forbidden'), page.actionError('network')]).to.deep.equal(['Not yours.', 'Offline?']);
    expect(compile({error: {forbidden: 'Not yours.'}}, 'en', de).actionError('forbidden')).to.equal('Not yours.');
  });

  it('finds the catalogue of a region or script: de-AT → de, zh and zh-Hans → zh-CN, zh-TW not', () => {
    expect(candidates('de-AT')).to.deep.equal(['de-AT', 'de']);
    expect(candidates('zh')).to.include('zh-CN');
    expect(candidates('zh-Hans')).to.include('zh-CN');
    expect(candidates('zh-Hans-SG')).to.include('zh-CN');
    expect(candidates('zh-TW')).not.to.include('zh-CN');
    expect(candidates('not a tag')).to.deep.equal([]);
  });
});
