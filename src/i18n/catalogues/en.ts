import type {Catalogue, ReadingKey} from '../catalogue.js';

/**
 * English, built into every bundle: what a thread shows before the reader does anything.
 * The rest, the form's and the actions' strings, is in en-more.ts, which comes with the
 * form. Together they have the keys every other catalogue has
 * (test/i18n/catalogues.test.ts checks them), and English is what a language without a
 * catalogue reads.
 */
export const en: Pick<Catalogue, ReadingKey> = {
  heading: 'Reader Comments',
  commentCount: {one: '{count} comment', other: '{count} comments'},
  loading: 'Loading comments…',
  empty: 'No comments yet. Be the first to share your thoughts.',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  loadMore: 'Show more comments',
  moderationNote: 'Please keep comments respectful and on-topic. Comments may be moderated.',
  sending: 'Sending…',
  awaitingModeration: 'Awaiting moderation',
  closedNotice: 'Comments on this article are closed.',
  livePaused: 'New comments are not arriving live for now; they will when this page is back in view or online.',
  justNow: 'just now',
  inReplyTo: 'in reply to {name}',
  postedAt: ', {time}',
  edited: 'edited {time}',
  deletedComment: 'Comment deleted.',
  deletedAuthor: 'Deleted',
};
