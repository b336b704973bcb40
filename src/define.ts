/**
 * Registers every Parley element (providers first) and the `rest` and `local` adapters
 * that markup can name. Importing it twice, or beside dist/parley.js, is harmless.
 */
import {LocalAdapter} from './adapters/local.js';
import {adapterFactories} from './adapters/registry.js';
import {RestAdapter} from './adapters/rest.js';
import {ParleyComment} from './components/comment/comment.js';
import {ParleyComments} from './components/comments/comments.js';
import {ParleyCount} from './components/count/count.js';
import {ParleyForm} from './components/form/form.js';
import {ParleyThread} from './components/thread/thread.js';

adapterFactories.rest ??= ({endpoint, live}) => new RestAdapter({endpoint, live});
adapterFactories.local ??= () => new LocalAdapter();

const elements: [string, CustomElementConstructor][] = [
  ['parley-comments', ParleyComments],
  ['parley-thread', ParleyThread],
  ['parley-form', ParleyForm],
  ['parley-comment', ParleyComment],
  ['parley-count', ParleyCount],
];
for (const [tag, element] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
    'parley-thread': ParleyThread;
    'parley-form': ParleyForm;
    'parley-comment': ParleyComment;
    'parley-count': ParleyCount;
  }
}
