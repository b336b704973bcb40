import {LitElement, html} from 'lit';
import type {TemplateResult} from 'lit';
import {state} from 'lit/decorators.js';
import {ContextConsumer} from '@lit/context';
import type {Comment} from '../../adapters/adapter.js';
import {parleyContext} from '../../context.js';
import type {ParleyConfig} from '../../context.js';
import {emit} from '../../events.js';
import {sharedStyles} from '../../styles/shared.js';
import {styles} from './thread.styles.js';

/** Top-level comments in the first frame: about a screen. The rest follow a chunk per frame. */
const FIRST_CHUNK = 8;
const CHUNK = 24;

/**
 * @summary The list of comments of a thread, with loading, empty and error states and
 * "show more". Replies are nested under the comment they answer.
 * @tag parley-thread
 * @csspart list - The list of comments.
 * @csspart load-more - The "show more comments" button.
 * @csspart retry - The button that loads the thread again after an error.
 * @cssprop [--parley-border] - Colour of the lines between comments.
 * @cssprop [--parley-reserve=12rem] - Height kept free for the comments while they load, so the page does not jump.
 * @fires {ParleyLoadedEvent} parley-loaded - The first page of comments arrived.
 * @fires {ParleyErrorEvent} parley-error - Loading failed (`action: 'load'`).
 */
export class ParleyThread extends LitElement {
  static override styles = [sharedStyles, styles];

  private readonly config = new ContextConsumer(this, {
    context: parleyContext,
    subscribe: true,
    callback: (config) => this.attach(config),
  });

  /** Bumped by the store's listener: the only reason this element re-renders. */
  @state() private revision = 0;
  /** Top-level comments rendered so far: the list grows a chunk per frame. */
  @state() private shown = FIRST_CHUNK;
  private more = false;
  private growing = false;

  private detach?: () => void;

  private attach(config: ParleyConfig): void {
    this.detach?.();
    const store = config.store;
    const stop = store.subscribe(() => this.revision++);
    this.revision++;
    const loadOnce = () => store.status === 'idle' && void this.load();
    if (config.eager || typeof IntersectionObserver !== 'function') {
      // After the provider's update, which is what handed us the store.
      queueMicrotask(loadOnce);
      this.detach = stop;
      return;
    }
    // Lazy: fetch when the section comes within about a screen of the viewport.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          loadOnce();
        }
      },
      {rootMargin: '100% 0px'}
    );
    observer.observe(this);
    this.detach = () => {
      observer.disconnect();
      stop();
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.config.value && !this.detach) this.attach(this.config.value);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach?.();
    this.detach = undefined;
  }

  /** Loads the first page again. */
  async load(): Promise<void> {
    const config = this.config.value;
    if (!config) return;
    try {
      await config.store.load();
      emit(this, 'parley-loaded', {threadId: config.thread, total: config.store.total});
    } catch (error) {
      emit(this, 'parley-error', {error: error as Error, action: 'load'});
    }
  }

  private async handleLoadMore(): Promise<void> {
    try {
      await this.config.value?.store.loadMore();
    } catch (error) {
      emit(this, 'parley-error', {error: error as Error, action: 'load'});
    }
  }

  override render() {
    const config = this.config.value;
    if (!config) return null;
    const {store, strings: s} = config;
    if (store.status === 'idle' || store.status === 'loading') {
      return html`<p class="state reserve" role="status">${s.loading}</p>`;
    }
    if (store.status === 'error') {
      return html`<div role="alert">
        <p class="state error">${s.loadError}</p>
        <button part="retry" @click=${this.load}>${s.retry}</button>
      </div>`;
    }
    const comments = store.comments;
    if (comments.length === 0 && store.sending.length === 0) return html`<p class="state">${s.empty}</p>`;

    const ids = new Set(comments.map((c) => c.id));
    const replies = new Map<string, Comment[]>();
    const roots: Comment[] = [];
    for (const c of comments) {
      if (c.parentId && ids.has(c.parentId)) {
        let list = replies.get(c.parentId);
        if (!list) replies.set(c.parentId, (list = []));
        list.push(c);
      } else roots.push(c);
    }
    const sending = store.sending.map((c) => this.renderItem(c, config, replies, true));
    const newestFirst = store.options.sort === 'newest';
    // Rendering a whole page at once is one long task; a screenful first keeps it short.
    this.more = roots.length > this.shown;
    return html`<ol part="list">
        ${newestFirst ? sending : null}
        ${roots.slice(0, this.shown).map((c) => this.renderItem(c, config, replies, false))}
        ${newestFirst || this.more ? null : sending}
      </ol>
      ${store.nextCursor && !this.more
        ? html`<button part="load-more" aria-disabled=${store.loadingMore} @click=${this.handleLoadMore}>
            ${store.loadingMore ? s.loading : s.loadMore}
          </button>`
        : null}
      ${store.loadMoreError ? html`<p class="state error" role="alert">${s.loadError}</p>` : null}`;
  }

  override updated(): void {
    if (!this.more || this.growing) return;
    this.growing = true;
    // After this frame is painted, the next chunk.
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.growing = false;
        this.shown += CHUNK;
      })
    );
  }

  private renderItem(c: Comment, config: ParleyConfig, replies: Map<string, Comment[]>, sending: boolean): TemplateResult {
    const children = replies.get(c.id);
    return html`<li>
      <parley-comment .comment=${c} .strings=${config.strings} locale=${config.locale} ?sending=${sending}></parley-comment>
      ${children
        ? html`<ol class="replies">
            ${children.map((r): TemplateResult => this.renderItem(r, config, replies, false))}
          </ol>`
        : null}
    </li>`;
  }
}
