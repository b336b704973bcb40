import type {Published} from '../storage/index.js';
import {frameFor} from './feed.js';
import type {Feed} from './feed.js';

/**
 * The event streams open on this instance, by thread. What the storage announces is queued
 * and handed out on a later turn of the event loop, off the path of the request that wrote
 * it, each publication serialised once for all the streams of its thread. Also counts
 * streams per client, and ends them all on shutdown.
 */
export class EventHub {
  private readonly byThread = new Map<string, Set<Feed>>();
  private readonly byClient = new Map<string, number>();
  private readonly feeds = new Set<Feed>();
  private pending: Published[] = [];
  /** Streams of another kind (the console's), ended with the feeds on shutdown. */
  private readonly others = new Set<() => void>();
  /** What hears that the moderation queues may have changed (the console's streams). */
  private readonly watchers = new Set<() => void>();
  private flushing: NodeJS.Immediate | null = null;

  /** Open streams on this instance. */
  get size(): number {
    return this.feeds.size + this.others.size;
  }

  /** Holds a stream of another kind open: `end` ends it on shutdown. Returns the function that lets it go. */
  hold(end: () => void): () => void {
    this.others.add(end);
    return () => this.others.delete(end);
  }

  /** `fn` hears of every change of the moderation queues on this instance. Returns the function that stops it. */
  watch(fn: () => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** The moderation queues may have changed: a comment waits, was reported or was moderated. */
  moderated(): void {
    for (const fn of this.watchers) fn();
  }

  /** Streams `client` holds open. */
  openBy(client: string): number {
    return this.byClient.get(client) ?? 0;
  }

  /** Queues a publication for the streams of its thread. */
  publish(p: Published): void {
    if (!this.byThread.has(p.comment.threadId)) return;
    this.pending.push(p);
    this.flushing ??= setImmediate(() => this.flush());
  }

  /** Announcements may have been lost: every stream reads back what follows its position. */
  missed(): void {
    for (const feed of this.feeds) void feed.catchUp();
  }

  private flush(): void {
    this.flushing = null;
    const batch = this.pending;
    this.pending = [];
    for (const p of batch) {
      const feeds = this.byThread.get(p.comment.threadId);
      if (!feeds) continue;
      // A feed takes a live event only in order, so it has had everything before it.
      const text = frameFor(p, p.event - 1) ?? '';
      for (const feed of feeds) feed.offer(p.event, text);
    }
  }

  /** Registers the stream `feed` of `thread` held by `client`; returns the function that unregisters it. */
  add(thread: string, client: string, feed: Feed): () => void {
    let set = this.byThread.get(thread);
    if (!set) this.byThread.set(thread, (set = new Set()));
    set.add(feed);
    this.byClient.set(client, this.openBy(client) + 1);
    this.feeds.add(feed);
    return () => {
      if (!this.feeds.delete(feed)) return;
      set.delete(feed);
      if (set.size === 0) this.byThread.delete(thread);
      const left = this.openBy(client) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }

  /** Ends every open stream, so that the server can close. */
  closeAll(): void {
    for (const feed of [...this.feeds]) feed.end('shutdown');
    for (const end of [...this.others]) end();
  }

  /** Stops handing out what is queued (the app is disposed). */
  dispose(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    this.pending = [];
  }
}
