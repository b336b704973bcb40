import type {Comment, CommentAdapter, CommentPage, ListQuery, NewComment} from './adapter.js';
import {addComment, emptyThread, pageOf} from '../internal/thread-data.js';
import type {ThreadData} from '../internal/thread-data.js';
import type {LengthRules} from 'parley-contract';

/** Options of {@link MemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** Comments to start with, by thread id. */
  seed?: Record<string, Comment[]>;
  /** Milliseconds every call waits, to show loading states. Default 0. */
  latency?: number;
  /** Length rules enforced on posts. Default: 50 to 5000 characters. */
  rules?: LengthRules;
}

/** Keeps comments in memory: for tests, prototypes and server-side rendering. */
export class MemoryAdapter implements CommentAdapter {
  private readonly threads = new Map<string, ThreadData>();
  private readonly listeners = new Map<string, Set<(c: Comment) => void>>();
  private readonly options: MemoryAdapterOptions;

  constructor(options: MemoryAdapterOptions = {}) {
    this.options = options;
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

  async list(thread: string, q: ListQuery, o: {signal?: AbortSignal} = {}): Promise<CommentPage> {
    await this.wait(o.signal);
    return structuredClone(pageOf(this.thread(thread), q));
  }

  async post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<Comment> {
    await this.wait(o.signal);
    const data = this.thread(thread);
    const before = data.comments.length;
    const comment = addComment(data, thread, input, o.idempotencyKey, this.options.rules);
    if (data.comments.length > before) for (const fn of this.listeners.get(thread) ?? []) fn(structuredClone(comment));
    return structuredClone(comment);
  }

  async count(threads: string[], o: {signal?: AbortSignal} = {}): Promise<Record<string, number>> {
    await this.wait(o.signal);
    return Object.fromEntries(threads.map((t) => [t, this.threads.get(t)?.comments.length ?? 0]));
  }

  subscribe(thread: string, onComment: (c: Comment) => void): () => void {
    let set = this.listeners.get(thread);
    if (!set) this.listeners.set(thread, (set = new Set()));
    set.add(onComment);
    return () => set.delete(onComment);
  }
}
