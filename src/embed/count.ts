/**
 * The counters' script-tag entry, built to dist/parley-count.js for pages that list
 * articles: defines `<parley-count>` and mounts nothing. Counters on one page share one
 * `counts` request. Loading it beside dist/parley.js, or twice, is harmless.
 */
import {ParleyCount} from '../components/count/count.js';
import {RestAdapter} from '../adapters/rest.js';
import {register} from '../internal/register.js';
import {localBeside, scriptUrl} from '../internal/script.js';

register({
  elements: {'parley-count': ParleyCount},
  rest: RestAdapter,
  loadLocal: localBeside(scriptUrl(/\/parley-count(\.min)?\.js([?#]|$)/)),
});
