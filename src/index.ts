// Classes, types, contexts and adapters. Registers nothing: import `define.js` for that.
export {ParleyComments, defaultThread} from './components/comments/comments.js';
export {ParleyThread} from './components/thread/thread.js';
export {ParleyForm} from './components/form/form.js';
export {ParleyComment, avatarColour} from './components/comment/comment.js';
export {ParleyCount} from './components/count/count.js';
export type {
  Comment,
  CommentAdapter,
  CommentPage,
  ListQuery,
  LiveState,
  NewComment,
  ParleyErrorCode,
  SortOrder,
} from './adapters/adapter.js';
export {ParleyError, isErrorCode, toParleyError} from './adapters/adapter.js';
export {RestAdapter} from './adapters/rest.js';
export type {RestAdapterOptions} from './adapters/rest.js';
export {LocalAdapter} from './adapters/local.js';
export type {LocalAdapterOptions} from './adapters/local.js';
export {MemoryAdapter} from './adapters/memory.js';
export type {MemoryAdapterOptions} from './adapters/memory.js';
export {lazyAdapter} from './adapters/lazy.js';
export {registerAdapter} from './adapters/registry.js';
export type {AdapterFactory, AdapterSettings} from './adapters/registry.js';
export {parleyContext} from './context.js';
export type {ParleyConfig} from './context.js';
export {emit} from './events.js';
export type {ParleyCancelEvent, ParleyErrorEvent, ParleyLoadedEvent, ParleyPostedEvent, ParleySubmitEvent} from './events.js';
export {createIdbDraftStore} from './drafts/draft-store.js';
export type {Draft, DraftKey, DraftStore} from './drafts/draft-store.js';
export {defaultStrings} from './i18n/strings.js';
export type {ParleyStrings} from './i18n/strings.js';
export {registerCatalogue} from './i18n/locale.js';
export type {Catalogue, ErrorMessages, Message, PluralForms, StringOverrides} from './i18n/catalogue.js';
export {
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIN_LENGTH,
  MAX_NAME_LENGTH,
  checkBody,
  checkName,
  countCharacters,
  normalizeText,
} from 'parley-contract';
export type {LengthCheck, LengthRules, RuleViolation} from 'parley-contract';
export {ThreadStore} from './thread-store.js';
export type {ThreadStatus} from './thread-store.js';
