/**
 * Registers every Parley element and the `rest` and `local` adapters that markup can
 * name; a bundler splits the local adapter into a chunk of its own, fetched only when
 * a widget uses it. Importing it twice, or beside dist/parley.js, is harmless.
 */
import {ParleyComment} from './components/comment/comment.js';
import {ParleyComments} from './components/comments/comments.js';
import {ParleyCount} from './components/count/count.js';
import {ParleyForm} from './components/form/form.js';
import {ParleyThread} from './components/thread/thread.js';
import {RestAdapter} from './adapters/rest.js';
import {register} from './internal/register.js';

register({
  elements: {
    'parley-comments': ParleyComments,
    'parley-thread': ParleyThread,
    'parley-form': ParleyForm,
    'parley-comment': ParleyComment,
    'parley-count': ParleyCount,
  },
  rest: RestAdapter,
  loadLocal: () => import('./adapters/local.js'),
});

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
    'parley-thread': ParleyThread;
    'parley-form': ParleyForm;
    'parley-comment': ParleyComment;
    'parley-count': ParleyCount;
  }
}
