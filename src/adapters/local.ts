import {get, hasIndexedDB, ownStore, update} from '../internal/idb.js';
import type {UseStore} from '../internal/idb.js';
import type {Comment, CommentAdapter, CommentPage, ListQuery, NewComment} from './adapter.js';
import {ParleyError} from './adapter.js';
import {addComment, pageOf} from '../internal/thread-data.js';
import type {ThreadData} from '../internal/thread-data.js';
import type {LengthRules} from 'parley-contract';

/** Options of {@link LocalAdapter}. */
export interface LocalAdapterOptions {
  /** IndexedDB database name. Default `parley-local`. */
  database?: string;
  /** Comments a thread starts with the first time it is opened in this browser. */
  seed?: Record<string, Comment[]>;
  /** Length rules enforced on posts. Default: 50 to 5000 characters. */
  rules?: LengthRules;
}

/**
 * Keeps comments in this browser's IndexedDB: for demos, prototypes and offline use.
 * Other tabs of the same origin see new comments at once (BroadcastChannel).
 * Uses the same IndexedDB module as the draft store, in a database of its own.
 */
export class LocalAdapter implements CommentAdapter {
  private readonly options: LocalAdapterOptions;
  private store?: UseStore;

  constructor(options: LocalAdapterOptions = {}) {
    this.options = options;
  }

  private db(): UseStore {
    if (!hasIndexedDB()) throw new ParleyError('server', 'This browser cannot store comments (no IndexedDB).');
    return (this.store ??= ownStore(this.options.database ?? 'parley-local', 'threads'));
  }

  /** What a thread holds before anything was stored for it in this browser. */
  private seeded(thread: string): ThreadData {
    return {keys: {}, comments: structuredClone(this.options.seed?.[thread] ?? [])};
  }

  private async read(thread: string): Promise<ThreadData> {
    return (await this.guard(get<ThreadData>(thread, this.db()))) ?? this.seeded(thread);
  }

  private async guard<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (cause) {
      if (cause instanceof ParleyError) throw cause;
      throw new ParleyError('server', 'This browser could not read or store the comments.', {cause});
    }
  }

  async list(thread: string, q: ListQuery, o: {signal?: AbortSignal} = {}): Promise<CommentPage> {
    o.signal?.throwIfAborted();
    return pageOf(await this.read(thread), q);
  }

  async post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<Comment> {
    o.signal?.throwIfAborted();
    const made: {comment?: Comment; created: boolean} = {created: false};
    await this.guard(
      update<ThreadData>(
        thread,
        (stored) => {
          const data = stored ?? this.seeded(thread);
          const before = data.comments.length;
          made.comment = addComment(data, thread, input, o.idempotencyKey, this.options.rules);
          made.created = data.comments.length > before;
          return data;
        },
        this.db()
      )
    );
    if (made.created) {
      const channel = this.channel(thread);
      channel?.postMessage(made.comment);
      channel?.close();
    }
    return made.comment!;
  }

  async count(threads: string[], o: {signal?: AbortSignal} = {}): Promise<Record<string, number>> {
    o.signal?.throwIfAborted();
    const all = await Promise.all(threads.map((t) => this.read(t)));
    return Object.fromEntries(threads.map((t, i) => [t, all[i].comments.length]));
  }

  subscribe(thread: string, onComment: (c: Comment) => void): () => void {
    const channel = this.channel(thread);
    if (!channel) return () => {};
    channel.onmessage = (e: MessageEvent<Comment>) => onComment(e.data);
    return () => channel.close();
  }

  private channel(thread: string): BroadcastChannel | null {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(`parley-local:${thread}`) : null;
  }
}
