import type {ParleyErrorCode} from '../adapters/adapter.js';
import {compile} from './catalogue.js';
import {en} from './catalogues/en.js';

/**
 * Every string the widget shows, compiled from a catalogue (src/i18n/catalogue.ts), where
 * each function here is a message with placeholders and plural forms. A page overrides any
 * of them through the `strings` property or attribute of `<parley-comments>`.
 */
export interface ParleyStrings {
  heading: string;
  commentCount: (n: number) => string;
  loading: string;
  empty: string;
  loadError: string;
  retry: string;
  loadMore: string;
  moderationNote: string;
  formHeading: string;
  nameLabel: string;
  bodyLabel: string;
  bodyPlaceholder: string;
  minimumRule: (min: number) => string;
  /** Visible counter below the minimum, e.g. `12/50`. */
  counterBelow: (count: number, min: number) => string;
  /** Spoken after the reader pauses below the minimum: how many more are needed. */
  counterNeeded: (needed: number, min: number) => string;
  /** Visible counter once the minimum is met. */
  counterRemaining: (remaining: number, max: number) => string;
  counterOver: (over: number, max: number) => string;
  /** Spoken, with the characters left, after the reader pauses having reached the minimum. */
  minimumReached: string;
  tooShort: (count: number, min: number) => string;
  tooLong: (count: number, max: number) => string;
  nameRequired: string;
  nameTooLong: (max: number) => string;
  submit: string;
  sending: string;
  posted: string;
  awaitingModeration: string;
  draftSaved: string;
  draftRestored: string;
  draftsUnavailable: string;
  /** Shown when another tab edited the same draft; its text is kept, not overwritten. */
  otherVersion: string;
  useOtherVersion: string;
  discardOtherVersion: string;
  error: (code: ParleyErrorCode, retryAfter?: number) => string;
  /** A post failed because the browser is offline; it is sent again when back online. */
  offline: string;
  /** In place of the form, when a moderator closed the thread. */
  closedNotice: string;
  /** The live stream gave up reconnecting; it resumes when the page is back in view or online. */
  livePaused: string;
  justNow: string;
  /** The Reply button of a comment. */
  reply: string;
  /** Heading of the reply form under a comment. */
  replyHeading: (name: string) => string;
  /** Closes a reply form, an edit or a delete confirmation, keeping the text. */
  cancel: string;
  /** Shown on a reply deeper than `max-depth`, linking to the comment it answers. */
  inReplyTo: (name: string) => string;
  /** The button that expands a collapsed branch. */
  showReplies: (n: number) => string;
  hideReplies: string;
  /** The Like button; `likes` is the count, which is part of its label. */
  like: (likes: number) => string;
  copyLink: string;
  /** Visible and announced once a comment's link is on the clipboard. */
  linkCopied: string;
  /** The clipboard refused: the link is shown in a field to copy by hand. */
  copyLinkManually: string;
  linkLabel: string;
  /** The Report button of a comment, and its form: a reason, then sent. */
  report: string;
  reportHeading: string;
  reportSpam: string;
  reportAbuse: string;
  reportOffTopic: string;
  reportOther: string;
  reportSend: string;
  /** Said once a report is sent. */
  reportDone: string;
  /** The Report button once this reader reported the comment. */
  reported: string;
  /** Spoken on the time link after the relative time, e.g. `, 2 December 2026 at 10:04`. */
  postedAt: (absolute: string) => string;
  /** Marks an edited comment, with when. */
  edited: (when: string) => string;
  /** The text of a deleted comment's placeholder, which keeps its replies in place. */
  deletedComment: string;
  /** The name shown on a deleted comment's placeholder. */
  deletedAuthor: string;
  edit: string;
  save: string;
  delete: string;
  /** The question of the delete confirmation. */
  deleteConfirm: string;
  editHeading: string;
  editSaved: string;
  deletedNotice: string;
  /** Said when a comment linked to (`#comment-…`) is not in the thread. */
  linkedMissing: string;
  /** Marks the comment a link pointed to (not by colour alone). */
  linkedComment: string;
  sortLabel: string;
  sortOldest: string;
  sortNewest: string;
  sortTop: string;
  /** The button that shows live comments held back above the reader. */
  newComments: (n: number) => string;
  /** Announced politely when comments arrive live. */
  arrivedComments: (n: number) => string;
  /** A like, an edit or a deletion failed. */
  actionError: (code: ParleyErrorCode) => string;
  /** The backend refused an edit or a deletion (`forbidden`): this browser does not hold that comment's secret. */
  changeRefused: string;
}

/**
 * English: the strings of the English catalogue. What a thread shows is here from the
 * start (src/i18n/catalogues/en.ts); the form's and the actions' strings join it when
 * their code arrives, which imports `english-more.ts` (the npm entries import it at once).
 */
export const defaultStrings: ParleyStrings = compile(en, 'en');

/** "1 comment", "1,200 comments": on its own, so `<parley-count>` can carry it alone. */
export const commentCount = defaultStrings.commentCount;
