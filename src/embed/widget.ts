/**
 * The elements of the script tag, built to dist/parley-widget.js and imported by
 * dist/parley.js: everything the first comments need, with Lit inside. The form follows in
 * a chunk of its own (dist/parley-form.js), fetched at once but not waited for, so the
 * thread paints without it; the local adapter is dist/parley-local.js, imported when a
 * widget uses it. Counters for article lists are dist/parley-count.js.
 */
import {ParleyComment} from '../components/comment/comment.js';
import {ParleyComments} from '../components/comments/comments.js';
import {ParleyThread} from '../components/thread/thread.js';
import {register} from '../internal/register.js';
import {RestClient} from '../internal/rest-client.js';
import {localBeside} from '../internal/script.js';

register({
  elements: {
    'parley-comments': ParleyComments,
    'parley-thread': ParleyThread,
    'parley-comment': ParleyComment,
  },
  rest: RestClient,
  loadLocal: localBeside(import.meta.url),
});

import('../components/form/form.js').then(
  ({ParleyForm}) => customElements.get('parley-form') ?? customElements.define('parley-form', ParleyForm),
  (error: unknown) => console.error(`Parley: the comment form could not be loaded (${String(error)}).`)
);
