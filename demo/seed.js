// Demo data for demo/index.html: the comments a fresh browser sees under the article.
// The LocalAdapter copies them into this browser's IndexedDB the first time someone
// posts, so a reader's own comments appear beside them and survive a reload.
// Times are relative to when the page is opened, so the thread always looks alive.

/** The thread id of the demo article. */
export const thread = 'travel/2025/night-trains-return';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms) => new Date(Date.now() - ms).toISOString();

/** When the article went up: a little before the first comment. */
export const publishedAt = ago(3 * DAY + 5 * HOUR);

/** @type {import('../dist/adapters/adapter.js').Comment[]} */
const comments = [
  {
    id: 'c-1001',
    threadId: thread,
    parentId: null,
    author: {name: 'Priya S'},
    body:
      'Took the Vienna–Hamburg sleeper last spring with two kids and it was the best travel day we have had in years. ' +
      'Dinner in the lounge car, bunks made up by the time we got back, breakfast rolls somewhere outside Hanover. ' +
      'Nobody had to take their shoes off at security. I would happily pay a bit more for that.',
    createdAt: ago(3 * DAY + 1 * HOUR),
    status: 'published',
  },
  {
    id: 'c-1002',
    threadId: thread,
    parentId: null,
    author: {name: 'Tomasz Wierzbicki'},
    body:
      'Nice piece, but the article glosses over the real problem: reliability.\n\n' +
      'Three of my last five overnight trips ran more than two hours late, and one was cancelled at the border with no replacement until the next evening.\n\n' +
      'Until operators publish punctuality figures the way airlines have to, the romance will only get them so far.',
    createdAt: ago(2 * DAY + 5 * HOUR),
    status: 'published',
  },
  {
    id: 'c-1003',
    threadId: thread,
    parentId: 'c-1002',
    author: {name: 'Elodie Marchand'},
    body: 'Fair point about punctuality, though I would rather arrive two hours late in Brussels after a night’s sleep than on time after a 5 a.m. airport shuttle. Different yardstick, maybe.',
    createdAt: ago(1 * DAY + 21 * HOUR),
    status: 'published',
  },
  {
    id: 'c-1004',
    threadId: thread,
    parentId: null,
    author: {name: 'Henrik Aas'},
    body: 'The track-access charges mentioned in the fourth paragraph are the whole story. Fix those and the timetables will follow.',
    createdAt: ago(19 * HOUR),
    status: 'published',
  },
  {
    id: 'c-1005',
    threadId: thread,
    parentId: null,
    author: {name: 'Margaret O’Connell'},
    body:
      'I remember the old couchettes from the 1980s: six to a compartment, a blanket that smelled of diesel, and the conductor shouting at every border. ' +
      'The new capsule cars look positively luxurious by comparison. Booking Brussels to Prague for September.',
    createdAt: ago(4 * HOUR + 12 * MINUTE),
    status: 'published',
  },
  {
    id: 'c-1006',
    threadId: thread,
    parentId: null,
    author: {name: 'Jonas Becker'},
    body: 'Does anyone know whether the Berlin–Paris route takes bikes? The booking site is silent on it and I would love to start a tour in Normandy without a box and a bike bag.',
    createdAt: ago(26 * MINUTE),
    status: 'published',
  },
];

/** `{ [thread]: Comment[] }`, as `new LocalAdapter({seed})` expects. */
export const seed = {[thread]: comments};
