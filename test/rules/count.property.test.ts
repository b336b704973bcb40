import '../setup.js';
import {expect} from '@open-wc/testing';
import fc from 'fast-check';
import {checkBody, countCharacters, normalizeText} from '../../src/rules/count.js';

// What shows nothing: white space, default-ignorable code points, the blank braille pattern.
const BLANKS = [
  ' ',
  '\n',
  '\t',
  '\u00A0',
  '\u3000',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u200E',
  '\u200F',
  '\u00AD',
  '\u3164',
  '\u2800',
  '\u180E',
  '\u034F',
  '\u{E0020}',
];
// Padding the counting rule must ignore at either end.
const padding = fc.array(fc.constantFrom(...BLANKS), {maxLength: 12}).map((a) => a.join(''));
// Default-ignorable code points that neither join nor split clusters when put between two.
const ignorable = fc.constantFrom('\u200B', '\u200E', '\u200F', '\u00AD', '\u2060', '\uFEFF', '\u3164', '\u034F', '\u{E0020}');
// Text with the hard cases mixed in: emoji sequences, combining marks, Hangul jamo, RTL, lone surrogates.
const tricky = fc
  .array(
    fc.oneof(
      fc.string({unit: 'grapheme', maxLength: 8}),
      fc.string({unit: 'binary', maxLength: 8}),
      fc.constantFrom(
        '👍🏽',
        '👨‍👩‍👧‍👦',
        '🇳🇴',
        'e\u0301',
        '\u1112\u1161\u11AB',
        'مرحبا',
        '\u202Eevil',
        '\uD800',
        '\0',
        'Z\u0300\u0301\u0302'
      )
    ),
    {maxLength: 10}
  )
  .map((a) => a.join(''));

describe('counting rule (properties)', () => {
  it('ignores padding at either end', () => {
    fc.assert(fc.property(padding, tricky, padding, (a, s, b) => countCharacters(a + s + b) === countCharacters(s)));
  });

  it('counts text that shows nothing as empty', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...BLANKS), {maxLength: 60}), (a) => countCharacters(a.join('')) === 0));
  });

  it('does not count default-ignorable code points put between clusters', () => {
    const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
    fc.assert(
      fc.property(tricky, fc.array(fc.tuple(fc.nat(), ignorable), {maxLength: 8}), (s, insertions) => {
        const clusters = Array.from(segmenter.segment(s.normalize('NFC')), (c) => c.segment);
        for (const [at, char] of insertions) clusters.splice(at % (clusters.length + 1), 0, char);
        return countCharacters(clusters.join('')) === countCharacters(s);
      })
    );
  });

  it('is unchanged by normalisation and never exceeds the code points', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const n = countCharacters(s);
        return (
          n === countCharacters(s.normalize('NFC')) &&
          n === countCharacters(s.normalize('NFD')) &&
          n <= [...normalizeText(s)].length
        );
      })
    );
  });

  it('counts a concatenation as at most the sum of its parts', () => {
    fc.assert(fc.property(tricky, tricky, (a, b) => countCharacters(a + b) <= countCharacters(a) + countCharacters(b) + 2));
  });

  it('decides like the count does', () => {
    fc.assert(
      fc.property(tricky, fc.nat(20), fc.nat(20), (s, min, extra) => {
        const rules = {minLength: min, maxLength: min + extra};
        const {count, violation} = checkBody(s, rules);
        const expected = count < rules.minLength ? 'too_short' : count > rules.maxLength ? 'too_long' : null;
        return count === countCharacters(s) && violation === expected;
      })
    );
  });

  it('counts plain ASCII text (its fast path) as the grapheme clusters of the trimmed text', () => {
    const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
    const ascii = fc.string({
      unit: fc.constantFrom('a', 'Z', '~', ' ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\x7f'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(ascii, (s) => {
        const trimmed = Array.from(segmenter.segment(s), (c) => c.segment);
        while (trimmed.length && /^\s+$/.test(trimmed[0])) trimmed.shift();
        while (trimmed.length && /^\s+$/.test(trimmed.at(-1)!)) trimmed.pop();
        return countCharacters(s) === trimmed.length && normalizeText(s) === trimmed.join('');
      })
    );
  });

  it('counts a 100,000-character paste (its speed is in npm run bench)', () => {
    expect(countCharacters('👍🏽 é 한 字 '.repeat(12500))).to.equal(8 * 12500 - 1);
  });
});
