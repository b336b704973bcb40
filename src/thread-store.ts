import type {Comment, CommentAdapter, CommentPage, SortOrder} from './adapters/adapter.js';
import type {ParleyError} from './adapters/adapter.js';
import {toParleyError} from './adapters/adapter.js';
import {leftOut, parsePage} from './internal/validate.js';

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
  /** A moderator closed the thread: its comments are shown, new ones are not taken. */
  closed = false;

  private readonly listeners = new Set<() => void>();
  private controller?: AbortController;
  private stopLive?: () => void;

  constructor(
    readonly adapter: CommentAdapter,
    readonly thread: string,
    readonly options: {sort: SortOrder; pageSize: number}
  ) {}

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  /**
   * Loads the first page (again), and starts live updates when the adapter has them.
   * Resolves to the fields at fault of the malformed comments it left out.
   */
  async load(): Promise<readonly string[]> {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.status = 'loading';
    this.error = null;
    this.changed();
    try {
      const page = checked(
        await this.adapter.list(this.thread, {limit: this.options.pageSize, sort: this.options.sort}, {signal: controller.signal})
      );
      if (controller.signal.aborted) return [];
      this.comments = page.comments;
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      this.closed = page.closed === true;
      this.status = 'ready';
      this.stopLive ??= this.adapter.subscribe?.(
        this.thread,
        (c) => this.add(c),
        (state) => {
          this.livePaused = state === 'paused';
          this.changed();
        }
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

  /** Loads the next page and appends it; resolves like {@link load}. */
  async loadMore(): Promise<readonly string[]> {
    if (!this.nextCursor || this.loadingMore) return [];
    this.loadingMore = true;
    this.loadMoreError = null;
    this.changed();
    const signal = this.controller?.signal;
    try {
      const page = checked(
        await this.adapter.list(
          this.thread,
          {cursor: this.nextCursor, limit: this.options.pageSize, sort: this.options.sort},
          {signal}
        )
      );
      if (signal?.aborted) return [];
      const known = new Set(this.comments.map((c) => c.id));
      this.comments = [...this.comments, ...page.comments.filter((c) => !known.has(c.id))];
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      return leftOut(page)!;
    } catch (e) {
      if (signal?.aborted) return [];
      this.loadMoreError = toParleyError(e);
      throw this.loadMoreError;
    } finally {
      this.loadingMore = false;
      this.changed();
    }
  }

  /** Adds a comment the backend has, unless it is shown already. */
  add(comment: Comment): void {
    if (this.insert(comment)) this.changed();
  }

  private insert(comment: Comment): boolean {
    if (this.comments.some((c) => c.id === comment.id)) return false;
    this.comments = this.options.sort === 'newest' ? [comment, ...this.comments] : [...this.comments, comment];
    this.total += 1;
    return true;
  }

  /** Shows the reader's comment as sending. */
  beginSending(local: Comment): void {
    this.sending = [...this.sending, local];
    this.changed();
  }

  /** Replaces a sending comment by the backend's copy, or removes it when `comment` is null. */
  endSending(localId: string, comment: Comment | null): void {
    this.sending = this.sending.filter((c) => c.id !== localId);
    if (comment) this.insert(comment);
    this.changed();
  }

  /** Stops loading and live updates. */
  dispose(): void {
    this.controller?.abort();
    this.stopLive?.();
    this.stopLive = undefined;
    this.listeners.clear();
  }
}

/** A page of any adapter, checked (once: the REST adapter checks what it receives). */
const checked = (page: CommentPage): CommentPage => (leftOut(page) ? page : parsePage(page));
