import {LitElement, html, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {ContextProvider} from '@lit/context';
import type {CommentAdapter, SortOrder} from '../../adapters/adapter.js';
import {adapterOf} from '../../adapters/registry.js';
import {parleyContext} from '../../context.js';
import type {ParleyConfig} from '../../context.js';
import {compile} from '../../i18n/catalogue.js';
import type {StringOverrides} from '../../i18n/catalogue.js';
import {languageFor, onCatalogue, registerCatalogue} from '../../i18n/locale.js';
import type {Language} from '../../i18n/locale.js';
import {localeOf} from '../../internal/format.js';
import {whenLoaded} from '../../internal/once.js';
import {DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE} from 'parley-contract';
import {sharedStyles} from '../../internal/shared-styles.js';
import {StoreController} from '../../controllers/store-controller.js';
import {ThreadStore} from '../../thread-store.js';
import {rememberedSort} from '../../internal/sort-choice.js';
import {styles} from './comments.styles.js';

/** The `strings` attribute: JSON, as a script tag's `data-strings` gives it. */
function parseStrings(value: string | null): StringOverrides {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // said below
  }
  console.warn(`Parley: the strings attribute is not a JSON object; it is ignored: ${value.slice(0, 80)}`);
  return {};
}

/** The thread id used when none is given: the path of the page's canonical URL. */
export function defaultThread(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  try {
    return new URL(canonical || location.href).pathname;
  } catch {
    return location.pathname;
  }
}

/**
 * @summary The whole comment section: heading with count, thread, moderation note and form.
 * @tag parley-comments
 * @slot note - Replaces the moderation note shown above the form.
 * @slot footer - Content below the form.
 * @csspart heading - The "Reader Comments" heading.
 * @csspart count - The number of comments in the heading.
 * @csspart note - The moderation note.
 * @csspart closed - What shows instead of the form when a moderator closed the thread.
 * @cssprop [--parley-font=inherit] - Font of the whole widget; the page's by default.
 * @cssprop [--parley-text=inherit] - Text colour; the page's by default.
 * @cssprop [--parley-accent=light-dark(#0b57d0, #8ab4f8)] - Links, focus rings and the submit button.
 * @cssprop [--parley-radius=0.5rem] - Corner radius.
 * @cssprop [--parley-max-width=48rem] - Widest the section grows.
 * @cssprop [--parley-bg] - Background with a `theme`; the page's otherwise.
 * @cssprop [--parley-padding=1.25rem] - Padding with a `theme`.
 * @fires {ParleySubmitEvent} parley-submit - Cancelable. Sent before the adapter is called.
 * @fires {ParleyPostedEvent} parley-posted - The backend accepted a comment.
 * @fires {ParleyLoadedEvent} parley-loaded - The first page of comments arrived.
 * @fires {ParleyErrorEvent} parley-error - Loading, posting or keeping a draft failed.
 */
export class ParleyComments extends LitElement {
  static override styles = [sharedStyles, styles];

  /**
   * Adds or replaces the catalogue of a language (e.g. `pt`): the catalogue, or a function
   * that loads it. The same as the `registerCatalogue` export, for script-tag pages:
   * `customElements.whenDefined('parley-comments').then((C) => C.registerCatalogue('pt', {...}))`.
   */
  static registerCatalogue = registerCatalogue;

  /** Thread id; defaults to the path of the page's canonical URL. */
  @property({reflect: true}) thread = '';
  /** Base URL of a REST contract v1 backend. */
  @property() endpoint = '';
  /**
   * `rest` (default when `endpoint` is set) or `local` (this browser only); the property
   * also takes any object implementing `CommentAdapter`, which then wins.
   */
  @property({converter: (v) => v}) adapter: 'rest' | 'local' | CommentAdapter | '' = '';
  /** Fewest characters a comment may have. */
  @property({type: Number, attribute: 'min-length'}) minLength = DEFAULT_MIN_LENGTH;
  /** Most characters a comment may have. */
  @property({type: Number, attribute: 'max-length'}) maxLength = DEFAULT_MAX_LENGTH;
  /**
   * Language of the strings, dates and numbers (`de`, `ar`, `zh-CN`…); defaults to the
   * nearest `lang` of the page. A language without a catalogue shows English.
   */
  @property() locale = '';
  /**
   * `oldest` (default), `newest` or `top` (most liked, where the backend offers it) first:
   * the order until the reader picks another with the sort control, which this site then
   * remembers.
   */
  @property() sort: SortOrder = 'oldest';
  /** Levels of nested replies; deeper replies are shown at the deepest level, saying whom they answer. */
  @property({type: Number, attribute: 'max-depth'}) maxDepth = 3;
  /** Comments fetched per page. */
  @property({type: Number, attribute: 'page-size'}) pageSize = 50;
  /** Keep no drafts in IndexedDB. */
  @property({type: Boolean, attribute: 'no-drafts'}) noDrafts = false;
  /**
   * Colours: none (default) follows the page's; `light`, `dark`, or `auto` (follows
   * `prefers-color-scheme`) give the section a background and colours of its own.
   */
  @property({reflect: true}) theme?: 'light' | 'dark' | 'auto';
  /** Fetch the comments at once, not when the section comes near the viewport. */
  @property({type: Boolean}) eager = false;
  /** Open the backend's live event stream (REST backends with `events`). */
  @property({type: Boolean}) live = false;
  /**
   * Replaces any of the strings of the language shown: messages as in a catalogue
   * (`{"heading": "Leserkommentare"}`, plural forms as objects), as JSON in the attribute,
   * or strings and functions from JavaScript.
   */
  @property({converter: parseStrings}) strings: StringOverrides = {};

  readonly #provider = new ContextProvider(this, {context: parleyContext});
  /** The heading's count follows the store. */
  readonly #store = new StoreController(this);
  /**
   * Without a theme, the colours follow how dark the page behind is, declared or not: once
   * controllers/page-scheme.ts, fetched on connection, has looked.
   */
  @state() private pageScheme: 'light' | 'dark' | null = null;
  #stopScheme?: () => void;
  /** What the parts are given; derived from the properties in `willUpdate`. */
  #config?: ParleyConfig;
  /** The strings shown, once their catalogue is here; nothing renders before. */
  @state() private language?: Language;
  /** Memo key: the language asked for last. */
  #asked?: string;
  #stopListening?: () => void;

  override willUpdate(changed: PropertyValues): void {
    // Only the store (the heading's count) or the page's scheme changed: nothing to rebuild. A new config would
    // hand every part, and so every comment, new values to render.
    if (this.#config && [...changed.keys()].every((key) => key === 'pageScheme')) return;
    this.#chooseLanguage();
    if (!this.language) return;
    this.#config = this.#buildConfig(changed.has('strings') || changed.has('language'));
    this.#store.follow(this.#config.store);
    this.#provider.setValue(this.#config);
  }

  /**
   * Finds the catalogue of `locale` (or the page's `lang`); one still loading is waited
   * for, at most 3 s before a first render, which is then in English until it comes.
   */
  #chooseLanguage(): void {
    const wanted = this.locale || localeOf(this);
    if (wanted === this.#asked) return;
    this.#asked = wanted;
    const found = languageFor(wanted);
    if (!(found instanceof Promise)) {
      this.language = found;
      return;
    }
    const late = setTimeout(() => {
      const english = languageFor('en');
      if (!this.language && !(english instanceof Promise)) this.language = english;
    }, 3000);
    void found.then((language) => {
      clearTimeout(late);
      if (this.#asked === wanted) this.language = language;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A catalogue registered later replaces the strings shown.
    this.#stopListening = onCatalogue(() => {
      this.#asked = undefined;
      this.#chooseLanguage();
    });
    if (!this.#config) this.requestUpdate(); // back after a disconnection: built again, and loaded again
    this.#stopScheme = whenLoaded(
      import('../../controllers/page-scheme.js'),
      ({watchScheme}) => watchScheme(this, (scheme) => (this.pageScheme = scheme)),
      (error) => console.warn(`Parley: the page's colour scheme cannot be followed (${String(error)}).`)
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
    this.#stopScheme?.();
    this.#stopScheme = undefined;
    this.#config?.store.dispose();
    this.#config = undefined;
  }

  #buildConfig(stringsChanged: boolean): ParleyConfig {
    const previous = this.#config;
    const language = this.language!;
    const adapter = adapterOf(this, this.live);
    const thread = this.thread || defaultThread();
    const given: SortOrder = this.sort === 'newest' || this.sort === 'top' ? this.sort : 'oldest';
    const sort = rememberedSort() ?? given;
    const pageSize =
      Number.isInteger(this.pageSize) && this.pageSize > 0 ? Math.min(this.pageSize, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    let store = previous?.store;
    const same =
      store?.adapter === adapter && store.thread === thread && store.options.sort === sort && store.options.pageSize === pageSize;
    if (!same) {
      previous?.store.dispose();
      store = new ThreadStore(adapter, thread, {
        sort,
        pageSize,
        fallbackSort: given,
        holdLive: this.live,
      });
    }
    const minLength = Math.max(0, Number.isFinite(this.minLength) ? this.minLength : DEFAULT_MIN_LENGTH);
    return {
      adapter,
      thread,
      store: store!,
      sort,
      pageSize,
      maxDepth: Number.isInteger(this.maxDepth) && this.maxDepth > 0 ? this.maxDepth : 3,
      eager: this.eager,
      rules: {minLength, maxLength: Math.max(minLength, Number.isFinite(this.maxLength) ? this.maxLength : DEFAULT_MAX_LENGTH)},
      strings: previous && !stringsChanged ? previous.strings : compile(this.strings, language.locale, language.strings),
      locale: language.locale,
      drafts: !this.noDrafts,
    };
  }

  override render() {
    const config = this.#config;
    if (!config) return null;
    const s = config.strings;
    const {store} = config;
    const {lang, dir} = this.language!;
    // The strings' language and direction: Arabic is right-to-left on any page; other
    // languages follow the page's direction, each string isolated (dir="auto").
    const scheme = this.theme ? null : this.pageScheme;
    return html`<section
      aria-labelledby="heading"
      lang=${lang}
      dir=${dir === 'rtl' ? dir : nothing}
      class=${scheme ? `scheme-${scheme}` : nothing}
    >
      <h2 id="heading" part="heading">
        <span dir="auto">${s.heading}</span>
        ${store.status === 'ready' ? html`<span class="count" part="count" dir="auto">${s.commentCount(store.total)}</span>` : null}
      </h2>
      <parley-thread exportparts="list, load-more, retry"></parley-thread>
      <slot name="note"><p class="note" part="note" dir="auto">${s.moderationNote}</p></slot>
      ${
        // A closed thread takes no comment: no form, and the reader's draft stays where it is.
        store.closed
          ? html`<p class="closed" part="closed" role="status" dir="auto">${s.closedNotice}</p>`
          : html`<parley-form
              exportparts="heading: form-heading, form, name-input, textarea, counter, submit-button, error"
            ></parley-form>`
      }
      <slot name="footer"></slot>
    </section>`;
  }
}
