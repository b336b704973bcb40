import {LitElement, html} from 'lit';
import type {TemplateResult} from 'lit';
import {state} from 'lit/decorators.js';
import {ContextConsumer} from '@lit/context';
import type {Comment} from '../../adapters/adapter.js';
import type {CommentView} from '../comment/comment.js';
import {AWAY, FAILED, MINE, SENDING, actionsLoaded, loadActions} from '../comment/comment.js';
import {parleyContext} from '../../context.js';
import type {ParleyConfig} from '../../context.js';
import {ChunkedRenderController} from '../../controllers/chunked-render.js';
import {NearViewportController} from '../../controllers/near-viewport.js';
import {StoreController} from '../../controllers/store-controller.js';
import {emit} from '../../events.js';
import {sharedStyles} from '../../internal/shared-styles.js';
import {styles} from './thread.styles.js';

/** The start of a comment's permalink fragment, `#comment-<id>`. */
export const HASH = '#comment-';

/**
 * @summary The list of comments of a thread, with loading, empty and error states, "show
 * more", the sort control and reply forms. Replies are nested under the comment they
 * answer, `max-depth` levels deep; branches collapse. A page opened at a comment's
 * permalink, `#comment-<id>` (percent-encoded), scrolls to it, loading pages as needed.
 * @tag parley-thread
 * @csspart list - The list of comments.
 * @csspart load-more - The "show more comments" button.
 * @csspart retry - The button that loads the thread again after an error.
 * @csspart sort - The sort control (a select).
 * @csspart reply-form - A reply form under a comment.
 * @csspart toggle - The "Show 4 replies" / "Hide replies" button of a branch.
 * @csspart new-comments - The "3 new comments — show" button of live comments held back.
 * @cssprop [--parley-border] - Colour of the lines between comments.
 * @cssprop [--parley-reserve=12rem] - Height kept free for the comments while they load, so the page does not jump.
 * @fires {ParleyLoadedEvent} parley-loaded - The first page of comments arrived.
 * @fires {ParleyErrorEvent} parley-error - Loading failed (`action: 'load'`).
 */
export class ParleyThread extends LitElement {
  static override styles = [sharedStyles, styles];

  /** @internal */
  readonly config = new ContextConsumer(this, {
    context: parleyContext,
    subscribe: true,
    callback: (config) => this.#follow(config),
  });

  /** The store's changes are the only reason this element re-renders. */
  readonly #store = new StoreController(this);
  /** Lazy: the first page is fetched when the section comes within about a screen of the viewport. */
  readonly #nearViewport = new NearViewportController(this, () => this.#loadOnce());
  /** Rendering a whole page at once is one long task; a screenful first keeps it short. */
  /** @internal */
  readonly chunks = new ChunkedRenderController(this, 8, 24);

  /** @internal The comments whose reply form is open (changed by actions.ts, which then requests an update). */
  readonly replying = new Set<string>();
  /** @internal The comments whose replies are hidden (likewise). */
  readonly collapsed = new Set<string>();
  /** @internal What relative times count from: one timer for the whole thread moves it on (actions.ts). */
  @state() now = Date.now();
  /** @internal What the one polite live region says (actions.ts). */
  @state() announcement = '';

  /** @internal The thread's one timer. */
  timer?: ReturnType<typeof setTimeout>;
  /** What every comment is told, shared while it is the same: no re-render of each for nothing. */
  #view?: CommentView;

  #follow(config: ParleyConfig): void {
    this.#store.follow(config.store);
    this.#arm();
  }

  /** Loads the thread if nothing has: at once when `eager`, else once it comes near. */
  #arm(): void {
    const config = this.config.value;
    if (config?.store.status !== 'idle') return;
    // After the provider's update, which is what handed us the store.
    if (config.eager || location.hash.startsWith(HASH)) queueMicrotask(() => this.#loadOnce());
    else this.#nearViewport.watch();
  }

  #loadOnce(): void {
    if (this.config.value?.store.status === 'idle') void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#arm();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Loads the first page again. */
  async load(): Promise<void> {
    const config = this.config.value;
    if (!config) return;
    try {
      const left = await config.store.load();
      emit(this, 'parley-loaded', {threadId: config.thread, total: config.store.total});
      // Fetched now, not waited for: the first Reply or Copy link needs no round trip. It says what
      // was left out of the page, and goes to the comment the page's `#comment-<id>` names.
      loadActions().then(
        (m) => {
          m.reportLeftOut(this, left);
          void m.goToLinked(this, location.hash);
          m.adopt(this);
          m.fillRows(this);
          this.requestUpdate();
        },
        () => {}
      );
    } catch (error) {
      emit(this, 'parley-error', {error: error as Error, action: 'load'});
    }
  }

  async #handleLoadMore(): Promise<void> {
    const store = this.config.value?.store;
    try {
      const left = (await store?.loadMore()) ?? [];
      if (left.length) void loadActions().then((m) => m.reportLeftOut(this, left));
    } catch (error) {
      emit(this, 'parley-error', {error: error as Error, action: 'load'});
    }
  }

  /** A click in the list, maybe on a comment's button: the actions chunk sees to it. */
  #hear(e: Event): void {
    const path = e.composedPath(); // only while the event is dispatched
    void loadActions().then((m) => m.heard(this, path));
  }

  override updated(): void {
    // The timer set again after each change (the reader's comments may have become known), and arrivals announced.
    const store = this.config.value?.store;
    if (store && (actionsLoaded || store.arrived)) void loadActions().then((m) => m.updated(this, store));
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

    const view = this.#view;
    const like = store.canReact;
    const reply = !store.closed;
    if (
      view?.strings !== s ||
      view.locale !== config.locale ||
      view.now !== this.now ||
      view.like !== like ||
      view.reply !== reply ||
      view.store !== store
    ) {
      this.#view = {strings: s, locale: config.locale, now: this.now, reply, like, store};
    }

    const replies = new Map<string, Comment[]>();
    const roots: Comment[] = [];
    const sendingRoots: Comment[] = [];
    for (const list of [comments, store.sending]) {
      for (const c of list) {
        if (c.parentId && store.find(c.parentId)) {
          let children = replies.get(c.parentId);
          if (!children) replies.set(c.parentId, (children = []));
          children.push(c);
        } else if (list === comments) roots.push(c);
        else sendingRoots.push(c);
      }
    }
    const sending = new Set(store.sending.map((c) => c.id));
    const item = (c: Comment, depth: number) => this.#renderItem(c, depth, config, replies, sending);
    const sendingItems = sendingRoots.map((c) => item(c, 1));
    const newestFirst = store.options.sort === 'newest';
    const shown = this.chunks.slice(roots).map((c) => item(c, 1));
    const more = this.chunks.more;
    return html`<div class="toolbar">${actionsLoaded?.toolbar(this, store, s)}</div>
      <ol part="list" @click=${this.#hear}>
        ${newestFirst ? sendingItems : null} ${shown} ${newestFirst || more ? null : sendingItems}
      </ol>
      ${
        store.nextCursor && !more
          ? html`<button part="load-more" dir="auto" aria-disabled=${store.loadingMore} @click=${this.#handleLoadMore}>
              ${store.loadingMore ? s.loading : s.loadMore}
            </button>`
          : null
      }
      ${store.loadMoreError ? html`<p class="state error" role="alert" dir="auto">${s.loadError}</p>` : null}
      <p class="state live" role="status" dir="auto">${store.livePaused ? s.livePaused : this.announcement}</p>`;
  }

  /**
   * One comment with its branch. Down to `maxDepth` levels replies nest; the replies of
   * the deepest level, and theirs, are listed flat under it, oldest first, each saying
   * whom it answers.
   */
  #renderItem(
    c: Comment,
    depth: number,
    config: ParleyConfig,
    replies: Map<string, Comment[]>,
    sending: Set<string>,
    away = false
  ): TemplateResult {
    const {store} = config;
    let children = depth > config.maxDepth ? undefined : replies.get(c.id);
    const flat = depth + 1 >= config.maxDepth;
    if (children && flat) {
      // Everything below, in one list, oldest first.
      const all: Comment[] = [];
      const walk = (list: Comment[]) => {
        for (const r of list) {
          all.push(r);
          const more = replies.get(r.id);
          if (more) walk(more);
        }
      };
      walk(children);
      children = all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    }
    const open = this.replying.has(c.id);
    const hidden = this.collapsed.has(c.id);
    const count = children?.length ?? 0;
    const form = open ? actionsLoaded?.replyForm(this, c) : null;
    const flags = sending.has(c.id)
      ? SENDING
      : (store.canChange(c, this.now) ? MINE : 0) | (away ? AWAY : 0) | (store.failed?.id === c.id ? FAILED : 0);
    return html`<li>
      <parley-comment .comment=${c} .view=${this.#view} .flags=${flags}></parley-comment>
      ${
        // The reply form and the branch in one part (a comment without replies has one part here, not two); the
        // form inside the branch's template, so that opening it leaves the branch's comments as they are.
        count
          ? html`${form}${actionsLoaded?.toggle(this, c.id, count, hidden)}
              <ol class="replies" id=${`replies-${c.id}`} ?hidden=${hidden}>
                ${
                  hidden
                    ? null
                    : children!.map((r): TemplateResult =>
                        this.#renderItem(
                          r,
                          flat ? config.maxDepth + 1 : depth + 1,
                          config,
                          replies,
                          sending,
                          flat && r.parentId !== c.id
                        )
                      )
                }
              </ol>`
          : form
      }
    </li>`;
  }
}
