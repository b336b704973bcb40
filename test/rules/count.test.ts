import '../setup.js';
import {expect} from '@open-wc/testing';
import {checkBody, checkName, countCharacters, normalizeText} from '../../src/rules/count.js';

describe('countCharacters', () => {
  const table: [string, string, number][] = [
    ['plain ASCII', 'Hello, world', 12],
    ['empty', '', 0],
    ['thumbs up with skin tone', '👍🏽', 1],
    ['ZWJ family', '👨‍👩‍👧‍👦', 1],
    ['flag', '🇳🇴', 1],
    ['e + combining acute', 'e\u0301', 1],
    ['precomposed é', 'é', 1],
    ['Hangul syllable', '한', 1],
    ['Hangul jamo sequence', '\u1112\u1161\u11AB', 1],
    ['Hangul word', '안녕하세요', 5],
    ['CJK', '漢字テスト', 5],
    ['Arabic (RTL)', 'مرحبا', 5],
    ['Hebrew with niqqud', 'שָׁלוֹם', 4],
    ['leading and trailing spaces', '   abc   ', 3],
    ['line breaks at the edges', '\n\nabc\n\t', 3],
    ['inner white space is kept', 'a  b', 4],
    ['only spaces', ' '.repeat(50), 0],
    ['only zero-width spaces', '\u200B'.repeat(10), 0],
    ['BOM and joiners at the edges', '\uFEFF\u200Dabc\u200C\u2060', 3],
    ['no-break space at the edges', '\u00A0abc\u3000', 3],
    ['combining mark tower', 'Z' + '\u0300'.repeat(30), 1],
    // Default-ignorable code points count nowhere; text that shows nothing counts as empty.
    ['only left-to-right marks', '\u200E'.repeat(50), 0],
    ['only soft hyphens', '\u00AD'.repeat(50), 0],
    ['only Hangul fillers', '\u3164'.repeat(50), 0],
    ['only blank braille patterns', '\u2800'.repeat(50), 0],
    ['only word joiners, a Mongolian vowel separator and tags', '\u2060\u180E\u{E0041}\u{E007F}', 0],
    ['marks and fillers mixed with spaces', ' \u200E \u00AD\u3164 \u2800\n', 0],
    ['left-to-right marks inside the text', `a${'\u200E'.repeat(50)}b`, 2],
    ['soft hyphens inside a word', `hy\u00ADphen\u00ADation`, 11],
    ['an inner blank braille pattern counts like a space', 'a\u2800b', 3],
    ['a red heart keeps its variation selector', '\u2764\uFE0F', 1],
    ['a keycap', '1\uFE0F\u20E3', 1],
    ['a flag with tags', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', 1],
  ];
  for (const [name, text, expected] of table) {
    it(`counts ${name} as ${expected}`, () => {
      expect(countCharacters(text)).to.equal(expected);
    });
  }

  it('normalises to NFC before trimming and counting', () => {
    expect(normalizeText('  e\u0301  ')).to.equal('\u00E9');
  });

  it('trims what shows nothing, but not what belongs to an emoji', () => {
    expect(normalizeText('\u200E\u3164 text \u2800\u00AD')).to.equal('text');
    expect(normalizeText(' \u2764\uFE0F ')).to.equal('\u2764\uFE0F');
    expect(normalizeText('\u200B'.repeat(10))).to.equal('');
  });
});

describe('checkBody', () => {
  const rules = {minLength: 50, maxLength: 60};
  it('refuses 49 characters as too_short and accepts 50', () => {
    expect(checkBody('a'.repeat(49), rules)).to.deep.equal({count: 49, violation: 'too_short'});
    expect(checkBody('a'.repeat(50), rules)).to.deep.equal({count: 50, violation: null});
  });
  it('counts 50 emoji as 50 characters, not 100 code units', () => {
    expect(checkBody('👍🏽'.repeat(50), rules).violation).to.equal(null);
  });
  it('refuses more than the maximum as too_long', () => {
    expect(checkBody('a'.repeat(61), rules).violation).to.equal('too_long');
  });
  it('does not count padding toward the minimum', () => {
    expect(checkBody(`${' '.repeat(30)}${'a'.repeat(49)}${'\u200B'.repeat(5)}`, rules).violation).to.equal('too_short');
  });
});

describe('checkName', () => {
  it('needs a name and bounds its length', () => {
    expect(checkName('  ')).to.equal('invalid');
    expect(checkName('\u3164')).to.equal('invalid');
    expect(checkName('\u200E\u2800\u00AD')).to.equal('invalid');
    expect(checkName('Priya S')).to.equal(null);
    expect(checkName('x'.repeat(81))).to.equal('too_long');
  });
});
