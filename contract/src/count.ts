/**
 * The one counting rule of Parley. The form, the counter and every backend that
 * enforces a length import this module, so a client and a server never disagree.
 *
 * A "character" is a user-perceived character: an extended grapheme cluster of the
 * text after NFC normalisation and after trimming, at both ends, the clusters that show
 * nothing: white space, default-ignorable code points (zero-width spaces and joiners, the
 * left-to-right mark, the soft hyphen, the Hangul fillers, BOM …) and the blank braille
 * pattern. Inside the text, a cluster made only of default-ignorable code points counts as
 * nothing either; white space there counts. So a text that shows nothing counts as empty.
 */

export {DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, MAX_NAME_LENGTH} from './limits.js';

import {MAX_NAME_LENGTH} from './limits.js';

/** A cluster that shows nothing: trimmed at the ends. */
const BLANK = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]+$/u;
/** A cluster that counts as nothing anywhere. */
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}+$/u;
const HAS_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Text of printable ASCII, tabs and line breaks, where every code unit is a cluster of
 * its own but CR LF, and the clusters that show nothing are white space. Counted without
 * Intl.Segmenter, whose first use loads the break rules (tens of milliseconds).
 */
const SIMPLE = /^[\t\n\r\x20-\x7e]*$/;
const CRLF = /\r\n/g;

let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string) => (segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text);

/**
 * NFC-normalises `text` and trims the clusters that show nothing from both ends (a joiner
 * or variation selector that belongs to an emoji stays with it). Inner line breaks and
 * spaces are kept.
 */
export function normalizeText(text: string): string {
  if (SIMPLE.test(text)) return text.trim();
  const s = text.normalize('NFC');
  const clusters = graphemes(s);
  let start = 0;
  let end = s.length;
  while (start < end) {
    const c = clusters.containing(start)!;
    if (!BLANK.test(c.segment)) break;
    start = c.index + c.segment.length;
  }
  while (end > start) {
    const c = clusters.containing(end - 1)!;
    if (!BLANK.test(c.segment)) break;
    end = c.index;
  }
  return s.slice(start, end);
}

/** Counts the user-perceived characters of `text` after {@link normalizeText}. */
export function countCharacters(text: string): number {
  const s = normalizeText(text);
  if (SIMPLE.test(s)) return s.length - (s.match(CRLF)?.length ?? 0);
  let n = 0;
  if (HAS_IGNORABLE.test(s)) {
    for (const {segment} of graphemes(s)) if (!IGNORABLE.test(segment)) n++;
  } else {
    for (const _ of graphemes(s)) n++;
  }
  return n;
}

/** Length limits of a comment body. */
export interface LengthRules {
  minLength: number;
  maxLength: number;
}

/** Why a value is refused, using the error codes of the adapter interface. */
export type RuleViolation = 'too_short' | 'too_long' | 'invalid';

/** The outcome of checking a body against {@link LengthRules}. */
export interface LengthCheck {
  count: number;
  violation: RuleViolation | null;
}

/** Checks a comment body against the length rules. */
export function checkBody(body: string, rules: LengthRules): LengthCheck {
  const count = countCharacters(body);
  const violation = count < rules.minLength ? 'too_short' : count > rules.maxLength ? 'too_long' : null;
  return {count, violation};
}

/** Checks a display name: required, at most {@link MAX_NAME_LENGTH} characters. */
export function checkName(name: string): RuleViolation | null {
  const count = countCharacters(name);
  return count === 0 ? 'invalid' : count > MAX_NAME_LENGTH ? 'too_long' : null;
}
