import type {Comment, CommentAdapter, CommentPage, Features, PostedComment, SortOrder} from './adapters/adapter.js';
import type {ParleyError} from './adapters/adapter.js';
import {toParleyError} from './adapters/adapter.js';
import {leftOut, parsePage} from './internal/validate.js';
import type {KeptSecret} from './internal/secrets.js';
import {once} from './internal/once.js';

/** The code of likes, edits, deletions, secrets and links to comments: loaded when a backend offers them. */
type Discussion = typeof import('./internal/discussion.js');
const discussion = once((): Promise<Discussion> => import('./internal/discussion.js'));

/** Options of a {@link ThreadStore}. */
export interface ThreadStoreOptions {
  sort: SortOrder;
  pageSize: number;
  /** The order used when `sort` is `top` and the backend does not offer it: `newest`, else `oldest`. */
  fallbackSort?: SortOrder;
  /** Keep the secrets of the reader's own comments in IndexedDB (default true). */
  keepSecrets?: boolean;
  /** Hold back live top-level comments that would appear above what the reader reads (sort `newest`). */
  holdLive?: boolean;
}

/** Where the first page of a thread is. */
export type ThreadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The comments of one thread as the widget shows them: pages loaded from the adapter,
 * comments that arrived live, and the reader's own comments while they are sending.
 * `<parley-thread>` renders it; `<parley-form>` adds to it. Listeners are told of every
 * change, so typing in the form, which changes nothing here, never re-renders the thread.
 */
export class ThreadStore {
  status: ThreadStatus = 'idle';
  error: ParleyError | null = null;
  /** Comments the backend has: loaded pages, live arrivals and confirmed posts. */
  comments: readonly Comment[] = [];
  /** The reader's comments on their way to the backend, shown marked as sending. */
  sending: readonly Comment[] = [];
  total = 0;
  nextCursor: string | null = null;
  loadingMore = false;
  /** The live stream gave up reconnecting for now (see {@link CommentAdapter.subscribe}). */
  livePaused = false;
  loadMoreError: ParleyError | null = null;
  /** What the backend offers beyond contract v1, from its last page; empty for a v1 backend. */
  features: Features = {};
  /** Live top-level comments held back so as not to move what the reader reads; see {@link showHeld}. */
  held: readonly Comment[] = [];
  /** Comments that arrived live since the page loaded, for announcing them. */
  arrived = 0;
  /** The last action on a comment that failed, to show beside it. */
  failed: {id: string; error: ParleyError} | null = null;
  /** The secrets of the reader's own comments, by id. */
  readonly secrets = new Map<string, KeptSecret>();
  /** A moderator closed the thread: its comments are shown, new ones are not taken. */
  closed = false;

  readonly #listeners = new Set<() => void>();
  #controller?: AbortController;
  /** @internal Stops the live stream (discussion.ts starts it). */
  stopLive?: () => void;
  #loaded?: Discussion;

  constructor(
    readonly adapter: CommentAdapter,
    readonly thread: string,
    readonly options: ThreadStoreOptions
  ) {}

  /** The comments by id, made again when `comments` is. */
  #index?: {of: readonly Comment[]; byId: Map<string, Comment>};

  /** The comment `id` among those the backend has, if loaded. */
  find(id: string): Comment | undefined {
    if (this.#index?.of !== this.comments) this.#index = {of: this.comments, byId: new Map(this.comments.map((c) => [c.id, c]))};
    return this.#index.byId.get(id);
  }

  /** Whether this reader may like comments here. */
  get canReact(): boolean {
    return !!this.features.reactions && !!this.adapter.react;
  }

  /** Whether the reader may edit or delete `c` now: this browser has its secret, and its window is open. */
  canChange(c: Comment, now = Date.now()): boolean {
    const kept = this.secrets.get(c.id);
    return !!kept && !c.deleted && now < kept.until && !!this.adapter.edit;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the listeners that something changed. */
  changed(): void {
    for (const fn of this.#listeners) fn();
  }

  /** The code of the contract's later features, fetched the first time it is needed. */
  #more(): Promise<Discussion> {
    return discussion().then((d) => (this.#loaded = d));
  }

  /**
   * Loads the first page (again), and starts live updates when the adapter has them.
   * Resolves to the fields at fault of the malformed comments it left out.
   */
  async load(): Promise<readonly string[]> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.status = 'loading';
    this.error = null;
    this.changed();
    try {
      const first = () => this.fetchPage(undefined, this.options.pageSize, controller.signal);
      const top = this.options.sort === 'top';
      // A backend without `top` may refuse it, or answer in another order: asked again in the page's order.
      let page = await first().catch((e: unknown) => {
        if (!top || controller.signal.aborted) throw e;
        return null;
      });
      if (top && !page?.features?.sorts?.includes('top')) {
        // Remembered from a backend that had it: this one does not.
        this.options.sort = this.options.fallbackSort === 'newest' ? 'newest' : 'oldest';
        page = await first();
      }
      if (controller.signal.aborted || !page) return [];
      this.comments = page.comments;
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      this.features = page.features ?? {};
      this.held = [];
      this.closed = page.closed === true;
      this.status = 'ready';
      // After the first paint: the code of likes, edits, links and live comments (the stream starts where
      // this page was read, so it misses nothing), and the reader's own comments.
      const from = page.lastEventId;
      void this.#more().then(
        (d) => {
          void d.loadSecrets(this);
          // Not for a store disposed (or loading again) meanwhile: its stream would never be stopped.
          if (!controller.signal.aborted) d.startLive(this, from);
        },
        () => {}
      );
      return leftOut(page)!;
    } catch (e) {
      if (controller.signal.aborted) return [];
      this.status = 'error';
      this.error = toParleyError(e);
      throw this.error;
    } finally {
      if (!controller.signal.aborted) this.changed();
    }
  }

  /** @internal The page of this thread after `cursor` (the first without), checked. */
  async fetchPage(cursor: string | undefined, limit: number, signal?: AbortSignal): Promise<CommentPage> {
    const q = {limit, sort: this.options.sort, ...(cursor ? {cursor} : {})};
    return checked(await this.adapter.list(this.thread, q, {signal}));
  }

  /**
   * Loads the next page and appends it; resolves like {@link load}. `limit` asks for a
   * larger page than the page size (reaching a linked comment).
   */
  async loadMore(limit = this.options.pageSize): Promise<readonly string[]> {
    if (!this.nextCursor || this.loadingMore) return [];
    this.loadingMore = true;
    this.loadMoreError = null;
    this.changed();
    const signal = this.#controller?.signal;
    try {
      // The code that appends pages comes after the first paint, with the discussion chunk.
      return await (await this.#more()).appendPage(this, limit, signal);
    } catch (e) {
      if (signal?.aborted) return [];
      this.loadMoreError = toParleyError(e);
      throw this.loadMoreError;
    } finally {
      this.loadingMore = false;
      this.changed();
    }
  }

  /** Adds a comment the backend has, or replaces the shown version of it (same id). */
  add(comment: Comment): void {
    if (this.insert(comment)) this.changed();
  }

  /** @internal Shows `comment`, new or a new version; true when anything changed. */
  insert(comment: Comment): boolean {
    // A new version of a shown comment: edited, liked or deleted (discussion.ts, there with the features that send them).
    if (this.comments.some((c) => c.id === comment.id)) return !!this.#loaded?.replace(this, comment);
    if (comment.deleted) return false;
    this.comments =
      this.options.sort === 'newest' && comment.parentId === null ? [comment, ...this.comments] : [...this.comments, comment];
    this.total += 1;
    return true;
  }

  /** Shows the reader's comment as sending. */
  beginSending(local: Comment): void {
    this.sending = [...this.sending, local];
    this.changed();
  }

  /** Replaces a sending comment by the backend's copy, or removes it when `comment` is null. */
  endSending(localId: string, comment: PostedComment | null): void {
    this.sending = this.sending.filter((c) => c.id !== localId);
    if (comment) {
      const {secret, ...shown} = comment;
      this.insert(shown);
      // The secret that lets the reader change it, kept where the backend gives them time to (discussion.ts).
      if (secret && this.features.editWindow)
        void this.#more().then(
          (d) => d.keepSecret(this, shown, secret),
          () => {}
        );
    }
    this.changed();
  }

  /** Stops loading and live updates. */
  dispose(): void {
    this.#controller?.abort();
    this.stopLive?.();
    this.stopLive = undefined;
    this.#listeners.clear();
  }
}

/** A page of any adapter, checked (once: the REST adapter checks what it receives). */
const checked = (page: CommentPage): CommentPage => (leftOut(page) ? page : parsePage(page));
