// Completes English with the strings of the form, the editor and the actions on comments
// (catalogues/en-more.ts), imported by the code that shows them: every language built over
// English reads them through it from then on (see compile()).
import {compile} from './catalogue.js';
import {enMore} from './catalogues/en-more.js';
import {defaultStrings} from './strings.js';

Object.assign(defaultStrings, compile(enMore, 'en'));
