import type {
  Comment,
  CommentAdapter,
  CommentPage,
  ListQuery,
  LocatedComment,
  NewComment,
  PostedComment,
  ReactionState,
  SortOrder,
} from './adapter.js';
import {
  addComment,
  editComment,
  emptyThread,
  locateComment,
  pageOf,
  reactTo,
  removeComment,
  view,
} from '../internal/thread-data.js';
import type {ThreadData, ThreadRules} from '../internal/thread-data.js';
import {DEFAULT_EDIT_WINDOW} from 'parley-contract';
import type {LengthRules} from 'parley-contract';

/** Options of {@link MemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** Comments to start with, by thread id. */
  seed?: Record<string, Comment[]>;
  /** Milliseconds every call waits, to show loading states. Default 0. */
  latency?: number;
  /** Length rules enforced on posts and edits. Default: 50 to 5000 characters. */
  rules?: LengthRules;
  /** Seconds after posting during which the author may edit or delete. Default 900. */
  editWindow?: number;
  /** Who likes: one like per reader. Default `reader`. */
  reader?: string;
  /** False: behave like a REST contract v1 backend (no reactions, edits, locating, `top`). Default true. */
  features?: boolean;
}

/** Keeps comments in memory: for tests, prototypes and server-side rendering. */
export class MemoryAdapter implements CommentAdapter {
  private readonly threads = new Map<string, ThreadData>();
  private readonly listeners = new Map<string, Set<(c: Comment) => void>>();
  private readonly options: MemoryAdapterOptions;
  private readonly rules: ThreadRules;

  constructor(options: MemoryAdapterOptions = {}) {
    this.options = options;
    this.rules = {
      rules: options.rules,
      editWindow: options.editWindow ?? DEFAULT_EDIT_WINDOW,
      reader: options.reader ?? 'reader',
      features: options.features ?? true,
    };
    for (const [thread, comments] of Object.entries(options.seed ?? {})) {
      this.threads.set(thread, {keys: {}, comments: comments.map((c) => structuredClone(c))});
    }
  }

  private thread(thread: string): ThreadData {
    let data = this.threads.get(thread);
    if (!data) this.threads.set(thread, (data = emptyThread()));
    return data;
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.options.latency) await new Promise((r) => setTimeout(r, this.options.latency));
    signal?.throwIfAborted();
  }

  private tell(thread: string, comment: Comment): void {
    for (const fn of this.listeners.get(thread) ?? []) fn(structuredClone(comment));
  }

  async list(thread: string, q: ListQuery, o: {signal?: AbortSignal} = {}): Promise<CommentPage> {
    await this.wait(o.signal);
    return pageOf(this.thread(thread), q, this.rules);
  }

  async post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<PostedComment> {
    await this.wait(o.signal);
    const {comment, created} = addComment(this.thread(thread), thread, input, o.idempotencyKey, this.rules);
    if (created) this.tell(thread, view(comment, {...this.rules, reader: ''}));
    return comment;
  }

  async count(threads: string[], o: {signal?: AbortSignal} = {}): Promise<Record<string, number>> {
    await this.wait(o.signal);
    return Object.fromEntries(threads.map((t) => [t, this.threads.get(t)?.comments.filter((c) => !c.deleted).length ?? 0]));
  }

  subscribe(thread: string, onComment: (c: Comment) => void): () => void {
    let set = this.listeners.get(thread);
    if (!set) this.listeners.set(thread, (set = new Set()));
    set.add(onComment);
    return () => set.delete(onComment);
  }

  async react(thread: string, id: string, like: boolean, o: {signal?: AbortSignal} = {}): Promise<ReactionState> {
    await this.wait(o.signal);
    return reactTo(this.thread(thread), id, like, this.rules);
  }

  async edit(thread: string, id: string, body: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment> {
    await this.wait(o.signal);
    const comment = editComment(this.thread(thread), id, body, o.secret, this.rules);
    this.tell(thread, comment);
    return comment;
  }

  async remove(thread: string, id: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment | null> {
    await this.wait(o.signal);
    const {result, removed} = removeComment(this.thread(thread), id, o.secret, this.rules);
    if (removed) this.tell(thread, removed);
    return result;
  }

  async locate(thread: string, id: string, q: {sort: SortOrder}, o: {signal?: AbortSignal} = {}): Promise<LocatedComment | null> {
    await this.wait(o.signal);
    return locateComment(this.thread(thread), id, q.sort, this.rules);
  }
}
