/**
 * The counters' script-tag entry, built to dist/parley-count.js for pages that list
 * articles: defines `<parley-count>` and mounts nothing. Counters on one page share one
 * `counts` request. Loading it beside dist/parley.js, or twice, is harmless.
 */
import {ParleyCount} from '../components/count/count.js';
import {register} from '../register.js';
import {localBeside, scriptUrl} from './script.js';

register({'parley-count': ParleyCount}, localBeside(scriptUrl(/\/parley-count(\.min)?\.js([?#]|$)/)));
