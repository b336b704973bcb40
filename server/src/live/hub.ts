import type {Comment} from 'parley-contract';

/** Writes one event to one open stream. */
export type Subscriber = (comment: Comment, seq: number) => void;

/**
 * The event streams open on this instance, by thread: what the storage announces as
 * published goes to the streams of its thread. Also counts streams per client, and ends
 * them all on shutdown.
 */
export class EventHub {
  private readonly byThread = new Map<string, Set<Subscriber>>();
  private readonly byClient = new Map<string, number>();
  private readonly closers = new Set<() => void>();

  /** Open streams on this instance. */
  get size(): number {
    return this.closers.size;
  }

  /** Streams `client` holds open. */
  openBy(client: string): number {
    return this.byClient.get(client) ?? 0;
  }

  /** Sends a published comment to the streams of its thread. */
  publish(comment: Comment, seq: number): void {
    for (const send of this.byThread.get(comment.threadId) ?? []) send(comment, seq);
  }

  /**
   * Registers a stream of `thread` held by `client`; `close` ends it (on shutdown).
   * Returns the function that unregisters it.
   */
  add(thread: string, client: string, send: Subscriber, close: () => void): () => void {
    let set = this.byThread.get(thread);
    if (!set) this.byThread.set(thread, (set = new Set()));
    set.add(send);
    this.byClient.set(client, this.openBy(client) + 1);
    this.closers.add(close);
    return () => {
      set.delete(send);
      if (set.size === 0) this.byThread.delete(thread);
      const left = this.openBy(client) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
      this.closers.delete(close);
    };
  }

  /** Ends every open stream, so that the server can close. */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}
