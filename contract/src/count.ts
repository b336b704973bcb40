/**
 * The one counting rule of Parley. The form, the counter and every backend that
 * enforces a length import this module, so a client and a server never disagree.
 *
 * A "character" is a user-perceived character: an extended grapheme cluster of the
 * body after NFC normalisation and after trimming leading and trailing white space
 * and invisible format characters (zero-width space, joiners, word joiner, BOM).
 */

import {MAX_NAME_LENGTH} from './limits.js';

export {DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, MAX_NAME_LENGTH} from './limits.js';

const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e]);
const WHITE_SPACE = /\p{White_Space}/u;

function isTrimmable(codePoint: number): boolean {
  return INVISIBLE.has(codePoint) || WHITE_SPACE.test(String.fromCodePoint(codePoint));
}

/**
 * NFC-normalises `text` and trims white space and invisible format characters from
 * both ends. Inner line breaks and spaces are kept. Linear in the length of the text.
 */
export function normalizeText(text: string): string {
  const s = text.normalize('NFC');
  let start = 0;
  let end = s.length;
  while (start < end) {
    const cp = s.codePointAt(start) ?? 0; // start < end: always a code point
    if (!isTrimmable(cp)) break;
    start += cp > 0xffff ? 2 : 1;
  }
  while (end > start) {
    // Every trimmable character is in the Basic Multilingual Plane.
    const cp = s.charCodeAt(end - 1);
    if (!isTrimmable(cp)) break;
    end -= 1;
  }
  return s.slice(start, end);
}

let segmenter: Intl.Segmenter | undefined;

/** Counts the user-perceived characters of `text` after {@link normalizeText}. */
export function countCharacters(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
  let n = 0;
  for (const _ of segmenter.segment(normalizeText(text))) n++;
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
