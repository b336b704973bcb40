// Mounts the comment section under the demo article, in one of two ways:
// - served by the reference backend (`npm start`), as a publisher would: the script tag,
//   talking to /api/v1, with live updates between windows;
// - with `?local` (`npm run start:local`), as an npm user would: the elements imported
//   from dist/ and the LocalAdapter, which keeps comments in this browser.
import {publishedAt, seed, thread} from './seed.js';

const section = document.getElementById('comments');
const note = document.getElementById('demo-note');

if (new URLSearchParams(location.search).has('local')) {
  const [, {LocalAdapter}] = await Promise.all([import('../dist/define.js'), import('../dist/adapters/local.js')]);
  const comments = document.createElement('parley-comments');
  comments.thread = thread;
  comments.adapter = new LocalAdapter({seed});
  section.insertBefore(comments, note);
  note.textContent = 'This is a demonstration: comments you post here are kept in this browser only, and nobody else sees them.';
  // Keep the dateline consistent with the "3 days ago" of the seeded comments.
  const published = document.getElementById('published');
  published.dateTime = publishedAt;
  published.textContent = new Intl.DateTimeFormat('en-GB', {dateStyle: 'long'}).format(new Date(publishedAt));
} else {
  const script = document.createElement('script');
  script.src = '/dist/parley.js';
  Object.assign(script.dataset, {endpoint: '/api/v1', live: '', thread});
  section.insertBefore(script, note);
  note.textContent =
    'This demonstration talks to the Parley reference backend running on this machine: comments are stored in its ' +
    'database, and a second browser window on this page shows new ones as they arrive.';
}
