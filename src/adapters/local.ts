import {get, hasIndexedDB, ownStore, update} from '../internal/idb.js';
import type {UseStore} from '../internal/idb.js';
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
import {ParleyError} from './adapter.js';
import {addComment, editComment, locateComment, pageOf, reactTo, removeComment, view} from '../internal/thread-data.js';
import type {ThreadData, ThreadRules} from '../internal/thread-data.js';
import {uuid} from '../internal/id.js';
import {DEFAULT_EDIT_WINDOW} from 'parley-contract';
import type {LengthRules} from 'parley-contract';

/** Options of {@link LocalAdapter}. */
export interface LocalAdapterOptions {
  /** IndexedDB database name. Default `parley-local`. */
  database?: string;
  /** Comments a thread starts with the first time it is opened in this browser. */
  seed?: Record<string, Comment[]>;
  /** Length rules enforced on posts and edits. Default: 50 to 5000 characters. */
  rules?: LengthRules;
  /** Seconds after posting during which the author may edit or delete. Default 900. */
  editWindow?: number;
}

/** The reader of this browser, for likes: one id per origin, kept in localStorage. */
function readerId(): string {
  try {
    let id = localStorage.getItem('parley-local:reader');
    if (!id) localStorage.setItem('parley-local:reader', (id = uuid()));
    return id;
  } catch {
    return 'reader'; // no storage: one reader all the same, this browser
  }
}

/**
 * Keeps comments in this browser's IndexedDB: for demos, prototypes and offline use.
 * Other tabs of the same origin see new, edited and deleted comments at once
 * (BroadcastChannel). Uses the same IndexedDB module as the draft store, in a database
 * of its own.
 */
export class LocalAdapter implements CommentAdapter {
  private readonly options: LocalAdapterOptions;
  private store?: UseStore;
  private rulesOf?: ThreadRules;

  constructor(options: LocalAdapterOptions = {}) {
    this.options = options;
  }

  private get rules(): ThreadRules {
    return (this.rulesOf ??= {
      rules: this.options.rules,
      editWindow: this.options.editWindow ?? DEFAULT_EDIT_WINDOW,
      reader: readerId(),
      features: true,
    });
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

  /** Reads, changes and writes a thread in one transaction; resolves to what `change` returned. */
  private async change<T>(thread: string, change: (data: ThreadData) => T): Promise<T> {
    const made: {value?: T} = {};
    await this.guard(
      update<ThreadData>(
        thread,
        (stored) => {
          const data = stored ?? this.seeded(thread);
          made.value = change(data);
          return data;
        },
        this.db()
      )
    );
    return made.value!;
  }

  private async guard<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (cause) {
      if (cause instanceof ParleyError) throw cause;
      throw new ParleyError('server', 'This browser could not read or store the comments.', {cause});
    }
  }

  /** Tells the other tabs' widgets. */
  private tell(thread: string, comment: Comment): void {
    const channel = this.channel(thread);
    channel?.postMessage(comment);
    channel?.close();
  }

  async list(thread: string, q: ListQuery, o: {signal?: AbortSignal} = {}): Promise<CommentPage> {
    o.signal?.throwIfAborted();
    return pageOf(await this.read(thread), q, this.rules);
  }

  async post(thread: string, input: NewComment, o: {idempotencyKey: string; signal?: AbortSignal}): Promise<PostedComment> {
    o.signal?.throwIfAborted();
    const made = await this.change(thread, (data) => addComment(data, thread, input, o.idempotencyKey, this.rules));
    if (made.created) this.tell(thread, view(made.comment, {...this.rules, reader: ''}));
    return made.comment;
  }

  async count(threads: string[], o: {signal?: AbortSignal} = {}): Promise<Record<string, number>> {
    o.signal?.throwIfAborted();
    const all = await Promise.all(threads.map((t) => this.read(t)));
    return Object.fromEntries(threads.map((t, i) => [t, all[i].comments.filter((c) => !c.deleted).length]));
  }

  subscribe(thread: string, onComment: (c: Comment) => void): () => void {
    const channel = this.channel(thread);
    if (!channel) return () => {};
    channel.onmessage = (e: MessageEvent<Comment>) => onComment(e.data);
    return () => channel.close();
  }

  async react(thread: string, id: string, like: boolean, o: {signal?: AbortSignal} = {}): Promise<ReactionState> {
    o.signal?.throwIfAborted();
    return this.change(thread, (data) => reactTo(data, id, like, this.rules));
  }

  async edit(thread: string, id: string, body: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment> {
    o.signal?.throwIfAborted();
    const comment = await this.change(thread, (data) => editComment(data, id, body, o.secret, this.rules));
    this.tell(thread, comment);
    return comment;
  }

  async remove(thread: string, id: string, o: {secret: string; signal?: AbortSignal}): Promise<Comment | null> {
    o.signal?.throwIfAborted();
    const {result, removed} = await this.change(thread, (data) => removeComment(data, id, o.secret, this.rules));
    if (removed) this.tell(thread, removed);
    return result;
  }

  async locate(thread: string, id: string, q: {sort: SortOrder}, o: {signal?: AbortSignal} = {}): Promise<LocatedComment | null> {
    o.signal?.throwIfAborted();
    return locateComment(await this.read(thread), id, q.sort, this.rules);
  }

  private channel(thread: string): BroadcastChannel | null {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(`parley-local:${thread}`) : null;
  }
}
