import type {ParleyErrorCode} from '../adapters/adapter.js';
import {cached} from '../internal/format.js';
import type {ParleyStrings} from './strings.js';

/**
 * A string that depends on a number: one form per plural category of the language
 * (`Intl.PluralRules`: `zero`, `one`, `two`, `few`, `many`, `other`); `other` is always
 * there. Numbers go in as `{count}`, `{min}`, `{max}`, formatted with `Intl.NumberFormat`;
 * text (a name, a time already written out) as `{name}`, `{time}`, as it is.
 */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** One message of a catalogue: plain text, or text with `{placeholders}`, or plural forms. */
export type Message = string | PluralForms;

/** The messages of `error`, by the codes a reader can meet (`gone` reads `not_found`, `bad_response` `server`). */
export type ErrorMessages = Record<
  | 'too_short'
  | 'too_long'
  | 'invalid'
  | 'rate_limited'
  | 'rate_limited_soon'
  | 'network'
  | 'timeout'
  | 'forbidden'
  | 'expired'
  | 'not_found'
  | 'closed'
  | 'server',
  Message
>;

/**
 * Every string of the widget in one language, as data (JSON-like, so a catalogue can be
 * a file fetched on first use): the keys of {@link ParleyStrings}, where a function there
 * is a message here, whose placeholders are named in {@link PARAMS}. Plural forms are
 * chosen by the first of them.
 */
export type Catalogue = Record<Exclude<keyof ParleyStrings, 'error'>, Message> & {error: ErrorMessages};

/** The strings a thread shows before the reader does anything: English has them in the first load (catalogues/en.ts). */
export type ReadingKey =
  | 'heading'
  | 'commentCount'
  | 'loading'
  | 'empty'
  | 'loadError'
  | 'retry'
  | 'loadMore'
  | 'moderationNote'
  | 'sending'
  | 'awaitingModeration'
  | 'closedNotice'
  | 'livePaused'
  | 'justNow'
  | 'inReplyTo'
  | 'postedAt'
  | 'edited'
  | 'deletedComment'
  | 'deletedAuthor';

/**
 * The names of the arguments of each string that is a function in {@link ParleyStrings},
 * in order; the plural form follows the first, or the one named by {@link PLURAL_BY}.
 */
export const PARAMS: {[K in keyof ParleyStrings]?: string[]} = {
  commentCount: ['count'],
  minimumRule: ['min'],
  counterBelow: ['count', 'min'],
  counterNeeded: ['count', 'min'],
  counterRemaining: ['count', 'max'],
  counterOver: ['count', 'max'],
  tooShort: ['count', 'min'],
  tooLong: ['count', 'max'],
  nameTooLong: ['max'],
  replyHeading: ['name'],
  inReplyTo: ['name'],
  showReplies: ['count'],
  like: ['count'],
  postedAt: ['time'],
  edited: ['time'],
  newComments: ['count'],
  arrivedComments: ['count'],
};

/** Strings whose plural form follows another argument than the first: the limit, not the count. */
const PLURAL_BY: {[K in keyof ParleyStrings]?: string} = {tooShort: 'min', tooLong: 'max'};

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `message` with `values` put in (numbers formatted, text as it is), its plural form chosen
 * by the value named `by` (else the first), in `locale`.
 */
export function format(message: Message, locale: string, names: string[], values: (number | string)[], by?: string): string {
  const chosen = values[by ? names.indexOf(by) : 0];
  const n = typeof chosen === 'number' ? chosen : 0;
  const text =
    typeof message === 'string'
      ? message
      : (message[cached(pluralRules, locale, (l) => new Intl.PluralRules(l)).select(n)] ?? message.other);
  const numbers = cached(numberFormats, locale, (l) => new Intl.NumberFormat(l));
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const i = names.indexOf(name);
    const value = values[i] ?? 0;
    return i < 0 ? whole : typeof value === 'string' ? value : numbers.format(value);
  });
}

/** Messages of an error code: `gone` reads as `not_found`, anything unknown as `server`. */
function errorKey(code: ParleyErrorCode, retryAfter?: number): keyof ErrorMessages {
  if (code === 'rate_limited') return retryAfter ? 'rate_limited' : 'rate_limited_soon';
  if (code === 'gone') return 'not_found';
  return code === 'bad_response' ? 'server' : code;
}

/** One string of {@link ParleyStrings} from its message. */
function compileOne(key: string, message: Message, locale: string): unknown {
  const names = PARAMS[key as keyof ParleyStrings];
  const by = PLURAL_BY[key as keyof ParleyStrings];
  return names ? (...values: (number | string)[]) => format(message, locale, names, values, by) : format(message, locale, [], []);
}

/**
 * The strings of `overrides` over `base`: each a message (as in a catalogue) or, for a
 * page's JavaScript, already a string or function of {@link ParleyStrings}. What
 * `overrides` lacks is `base`'s, looked up when read (`base` is the prototype): English
 * keeps its form's strings in the form's chunk, and they reach every language built over
 * it once that arrives. A message of `error` missing from `overrides` stays `base`'s.
 */
export function compile(overrides: StringOverrides | Partial<Catalogue>, locale: string, base?: ParleyStrings): ParleyStrings {
  const out: Record<string, unknown> = base ? (Object.create(base) as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(overrides) as [string, unknown][]) {
    if (value === undefined) continue;
    if (typeof value === 'function') out[key] = value;
    else if (key === 'error') {
      const messages = value as Partial<ErrorMessages>;
      out.error = (code: ParleyErrorCode, retryAfter?: number): string => {
        const message = messages[errorKey(code, retryAfter)];
        return message === undefined && base
          ? base.error(code, retryAfter)
          : format(message ?? '', locale, ['count'], [retryAfter ?? 0]);
      };
    } else if (key === 'actionError') {
      // Its own message when the server cannot be reached, else what `error` says of the code:
      // the `error` of the strings it is read from, a page's own included.
      const unreachable = format(value as Message, locale, [], []);
      out.actionError = function (this: ParleyStrings, code: ParleyErrorCode): string {
        return code === 'network' || code === 'timeout' ? unreachable : this.error(code);
      };
    } else out[key] = compileOne(key, value as Message, locale);
  }
  return out as unknown as ParleyStrings;
}

/**
 * What a page can put over the catalogue's strings (the `strings` property or attribute):
 * for each key, a message as in a catalogue, or the string or function of
 * {@link ParleyStrings} itself.
 */
export type StringOverrides = {
  [K in keyof ParleyStrings]?: ParleyStrings[K] | (K extends 'error' ? Partial<ErrorMessages> : Message);
};
