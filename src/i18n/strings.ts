import type {ParleyErrorCode} from '../adapters/adapter.js';

/**
 * Every string the widget shows. A page overrides any of them through the `strings`
 * property of `<parley-comments>`; plurals and values are functions.
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
  /** Visible counter once the minimum is met. */
  counterRemaining: (remaining: number, max: number) => string;
  counterOver: (over: number, max: number) => string;
  /** Spoken once, when the body reaches the minimum. */
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
  /** The live stream gave up reconnecting; it resumes when the page is back in view or online. */
  livePaused: string;
  justNow: string;
}

/** "1 comment", "12 comments": on its own, so `<parley-count>` carries no other string. */
export const commentCount = (n: number): string => (n === 1 ? '1 comment' : `${n} comments`);

/** English defaults. */
export const defaultStrings: ParleyStrings = {
  heading: 'Reader Comments',
  commentCount,
  loading: 'Loading comments…',
  empty: 'No comments yet. Be the first to share your thoughts.',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  loadMore: 'Show more comments',
  moderationNote: 'Please keep comments respectful and on-topic. Comments may be moderated.',
  formHeading: 'Leave a Comment',
  nameLabel: 'Name',
  bodyLabel: 'Comment',
  bodyPlaceholder: 'Share your thoughts…',
  minimumRule: (min) => `Minimum ${min} characters`,
  counterBelow: (count, min) => `${count}/${min}`,
  counterRemaining: (remaining) => (remaining === 1 ? '1 character left' : `${remaining} characters left`),
  counterOver: (over) => (over === 1 ? '1 character too many' : `${over} characters too many`),
  minimumReached: 'Minimum length reached.',
  tooShort: (count, min) => `Your comment needs at least ${min} characters; it has ${count}.`,
  tooLong: (count, max) => `Your comment can have at most ${max} characters; it has ${count}.`,
  nameRequired: 'Please enter your name.',
  nameTooLong: (max) => `Your name can have at most ${max} characters.`,
  submit: 'Post Comment',
  sending: 'Sending…',
  posted: 'Your comment was posted.',
  awaitingModeration: 'Awaiting moderation',
  draftSaved: 'Draft saved on this device',
  draftRestored: 'Your unsent draft was restored.',
  draftsUnavailable: 'Drafts are not kept in this browser: copy long text before leaving.',
  otherVersion: 'You also edited this comment in another tab.',
  useOtherVersion: 'Show that version',
  discardOtherVersion: 'Discard it',
  error: (code, retryAfter) => {
    switch (code) {
      case 'too_short':
        return 'The server says the comment is too short.';
      case 'too_long':
        return 'The server says the comment is too long.';
      case 'invalid':
        return 'The server did not accept the comment. Please check it and try again.';
      case 'rate_limited':
        return retryAfter
          ? `Too many comments right now. Please try again in ${retryAfter} seconds.`
          : 'Too many comments right now. Please try again in a moment.';
      case 'network':
        return 'You seem to be offline, or the comment server cannot be reached. Your text is kept; try again.';
      case 'timeout':
        return 'The comment server took too long to answer. Your text is kept; try again.';
      case 'forbidden':
        return 'This browser cannot change that comment.';
      case 'expired':
        return 'The time for changing that comment has passed.';
      case 'not_found':
      case 'gone':
        return 'That comment no longer exists.';
      case 'closed':
        return 'Comments on this article are closed. Your text is kept.';
      case 'server':
      case 'bad_response': // an answer that could not be read: to a reader, the same thing
        return 'The comment server had a problem. Your text is kept; try again.';
    }
  },
  offline: 'You are offline. Your comment is kept and will be sent when you are back online.',
  livePaused: 'New comments are not arriving live for now; they will when this page is back in view or online.',
  justNow: 'just now',
};
