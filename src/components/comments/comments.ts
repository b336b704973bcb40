import {LitElement, html} from 'lit';
import type {PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {ContextProvider} from '@lit/context';
import type {CommentAdapter, SortOrder} from '../../adapters/adapter.js';
import {adapterOf} from '../../adapters/registry.js';
import {parleyContext} from '../../context.js';
import type {ParleyConfig} from '../../context.js';
import {createIdbDraftStore} from '../../drafts/draft-store.js';
import type {DraftStore} from '../../drafts/draft-store.js';
import {defaultStrings} from '../../i18n/strings.js';
import type {ParleyStrings} from '../../i18n/strings.js';
import {localeOf} from '../../i18n/format.js';
import {DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH} from 'parley-contract';
import {sharedStyles} from '../../styles/shared.js';
import {ThreadStore} from '../../thread-store.js';
import {styles} from './comments.styles.js';

let drafts: DraftStore | undefined;

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
  /** Language of dates and numbers; defaults to the nearest `lang`. */
  @property() locale = '';
  /** `oldest` (default) or `newest` first. */
  @property() sort: SortOrder = 'oldest';
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
  /** Replaces any of the English strings. */
  @property({attribute: false}) strings: Partial<ParleyStrings> = {};

  @state() private config?: ParleyConfig;

  private readonly provider = new ContextProvider(this, {context: parleyContext});
  private unsubscribe?: () => void;

  override willUpdate(changed: PropertyValues<this>): void {
    // A store change (the heading's count) or our own config: nothing to rebuild. A new
    // config would hand every part, and so every comment, new values to render.
    const own = changed.size === 0 || (changed.size === 1 && changed.has('config' as keyof ParleyComments));
    if (own && this.config) return;
    this.config = this.buildConfig(changed.has('strings'));
    this.provider.setValue(this.config);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.config?.store.dispose();
    // Built again, and loaded again, if the element comes back.
    this.config = undefined;
    this.requestUpdate('thread', this.thread);
  }

  private buildConfig(stringsChanged: boolean): ParleyConfig {
    const previous = this.config;
    const adapter = adapterOf(this, this.live);
    const thread = this.thread || defaultThread();
    const sort: SortOrder = this.sort === 'newest' ? 'newest' : 'oldest';
    const pageSize = Number.isInteger(this.pageSize) && this.pageSize > 0 ? Math.min(this.pageSize, 200) : 50;
    let store = previous?.store;
    const same =
      store && store.adapter === adapter && store.thread === thread && store.options.sort === sort && store.options.pageSize === pageSize;
    if (!same) {
      previous?.store.dispose();
      this.unsubscribe?.();
      store = new ThreadStore(adapter, thread, {sort, pageSize});
      this.unsubscribe = store.subscribe(() => this.requestUpdate());
    }
    const minLength = Math.max(0, Number.isFinite(this.minLength) ? this.minLength : DEFAULT_MIN_LENGTH);
    return {
      adapter,
      thread,
      store: store!,
      sort,
      pageSize,
      eager: this.eager,
      rules: {minLength, maxLength: Math.max(minLength, Number.isFinite(this.maxLength) ? this.maxLength : DEFAULT_MAX_LENGTH)},
      strings: previous && !stringsChanged ? previous.strings : {...defaultStrings, ...this.strings},
      locale: this.locale || localeOf(this),
      drafts: this.noDrafts ? null : (drafts ??= createIdbDraftStore()),
    };
  }

  override render() {
    const config = this.config;
    if (!config) return null;
    const s = config.strings;
    const {store} = config;
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">
        ${s.heading}
        ${store.status === 'ready' ? html`<span class="count" part="count">${s.commentCount(store.total)}</span>` : null}
      </h2>
      <parley-thread exportparts="list, load-more, retry"></parley-thread>
      <slot name="note"><p class="note" part="note">${s.moderationNote}</p></slot>
      <parley-form exportparts="heading: form-heading, form, name-input, textarea, counter, submit-button, error"></parley-form>
      <slot name="footer"></slot>
    </section>`;
  }
}
