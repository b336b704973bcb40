import {LitElement, html} from 'lit';
import type {TemplateResult} from 'lit';
import {ContextConsumer} from '@lit/context';
import type {Comment} from '../../adapters/adapter.js';
import {ParleyError} from '../../adapters/adapter.js';
import {parleyContext} from '../../context.js';
import type {ParleyConfig} from '../../context.js';
import {ChunkedRenderController} from '../../controllers/chunked-render.js';
import {NearViewportController} from '../../controllers/near-viewport.js';
import {StoreController} from '../../controllers/store-controller.js';
import {emit} from '../../events.js';
import {sharedStyles} from '../../internal/shared-styles.js';
import {styles} from './thread.styles.js';

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
    callback: (config) => this.follow(config),
  });

  /** The store's changes are the only reason this element re-renders. */
  private readonly store = new StoreController(this);
  /** Lazy: the first page is fetched when the section comes within about a screen of the viewport. */
  private readonly nearViewport = new NearViewportController(this, () => this.loadOnce());
  /** Rendering a whole page at once is one long task; a screenful first keeps it short. */
  private readonly chunks = new ChunkedRenderController(this, 8, 24);

  private follow(config: ParleyConfig): void {
    this.store.follow(config.store);
    this.arm();
  }

  /** Loads the thread if nothing has: at once when `eager`, else once it comes near. */
  private arm(): void {
    const config = this.config.value;
    if (config?.store.status !== 'idle') return;
    // After the provider's update, which is what handed us the store.
    if (config.eager) queueMicrotask(() => this.loadOnce());
    else this.nearViewport.watch();
  }

  private loadOnce(): void {
    if (this.config.value?.store.status === 'idle') void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.arm();
  }

  /** Loads the first page again. */
  async load(): Promise<void> {
    const config = this.config.value;
    if (!config) return;
    try {
      const left = await config.store.load();
      emit(this, 'parley-loaded', {threadId: config.thread, total: config.store.total});
      this.reportLeftOut(left);
    } catch (error) {
      emit(this, 'parley-error', {error: error as Error, action: 'load'});
    }
  }

  private async handleLoadMore(): Promise<void> {
    try {
      this.reportLeftOut((await this.config.value?.store.loadMore()) ?? []);
    } catch (error) {
      emit(this, 'parley-error', {error: error as Error, action: 'load'});
    }
  }

  /** Malformed comments were left out of a page: said once, to the console and as an event. */
  private reportLeftOut(fields: readonly string[]): void {
    if (!fields.length) return;
    const message = `Parley: left out ${fields.length} malformed comment(s) the server sent: ${fields.join(', ')}`;
    console.warn(message);
    emit(this, 'parley-error', {error: new ParleyError('bad_response', message, {field: fields[0]}), action: 'load'});
  }

  override render() {
    const config = this.config.value;
    if (!config) return null;
    const {store, strings: s} = config;
    if (store.status === 'idle' || store.status === 'loading') {
      return html`<p class="state reserve" role="status" dir="auto">${s.loading}</p>`;
    }
    if (store.status === 'error') {
      return html`<div role="alert">
        <p class="state error" dir="auto">${s.loadError}</p>
        <button part="retry" dir="auto" @click=${this.load}>${s.retry}</button>
      </div>`;
    }
    const comments = store.comments;
    if (comments.length === 0 && store.sending.length === 0) return html`<p class="state" dir="auto">${s.empty}</p>`;

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
    const shown = this.chunks.slice(roots).map((c) => this.renderItem(c, config, replies, false));
    const more = this.chunks.more;
    return html`<ol part="list">
        ${newestFirst ? sending : null} ${shown} ${newestFirst || more ? null : sending}
      </ol>
      ${
        store.nextCursor && !more
          ? html`<button part="load-more" dir="auto" aria-disabled=${store.loadingMore} @click=${this.handleLoadMore}>
              ${store.loadingMore ? s.loading : s.loadMore}
            </button>`
          : null
      }
      ${store.loadMoreError ? html`<p class="state error" role="alert" dir="auto">${s.loadError}</p>` : null}
      <p class="state live" role="status" dir="auto">${store.livePaused ? s.livePaused : ''}</p>`;
  }

  private renderItem(c: Comment, config: ParleyConfig, replies: Map<string, Comment[]>, sending: boolean): TemplateResult {
    const children = replies.get(c.id);
    return html`<li>
      <parley-comment .comment=${c} .strings=${config.strings} locale=${config.locale} ?sending=${sending}></parley-comment>
      ${
        children
          ? html`<ol class="replies">
              ${children.map((r): TemplateResult => this.renderItem(r, config, replies, false))}
            </ol>`
          : null
      }
    </li>`;
  }
}
