// One open event stream of one thread, and the rule that makes it exact: every event of the
// thread (a publication, an edit, a deletion) is written once, in order. The feed keeps the number of the last one it
// wrote; a live announcement that follows it is written, one it already wrote is dropped, and
// one that leaves a gap (an announcement lost with a LISTEN connection, a resumed stream)
// sends the feed to the database for what lies between, while live ones wait in a buffer.
import type {Comment} from 'parley-contract';
import type {Published, Storage} from '../storage/index.js';

/** Publications read from the database per query while catching up. */
const BATCH = 100;
/** Waits before reading again when the database did not answer; then the stream ends. */
const RETRIES = [250, 1000, 3000];

/**
 * The SSE frame of one event: serialised once, whoever it goes to. `comment` for a comment
 * the reader has not had (so a v1 client gets it), `update` for a new version of one it has
 * (an edit, or the placeholder of a deletion).
 */
export const frame = (kind: 'comment' | 'update', comment: Comment, event: number) =>
  `event: ${kind}\nid: ${event}\ndata: ${JSON.stringify(comment)}\n\n`;

/**
 * The frame of `p` for a reader who has had every event up to `seen`, or null for none
 * (a comment published and removed since then: there is nothing to show or to drop).
 */
export function frameFor(p: Published, seen: number): string | null {
  if (p.first <= seen) return frame('update', p.comment, p.event);
  return p.removed ? null : frame('comment', p.comment, p.event);
}

/** Where a feed writes: the stream of the response. */
export interface FeedSink {
  /** Resolves once the text has left for the client (the socket took it). */
  write(text: string): Promise<void>;
  /**
   * Ends the stream: after what is queued, or with `now` (a reader that does not keep up)
   * at once, whatever is still unsent.
   */
  cut(reason: string, now: boolean): void;
}

export interface FeedOptions {
  /** Unsent bytes after which a reader that does not keep up is cut off (it resumes later). */
  maxQueuedBytes: number;
}

export class Feed {
  /** Number of the last publication written, or reached by the start position. */
  private last = 0;
  /** True while the feed reads from the database; live announcements wait in `buffer`. */
  private catching = true;
  private again = false;
  private buffer: {event: number; text: string}[] = [];
  private queued = 0;
  private chain: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(
    private readonly thread: string,
    private readonly storage: Storage,
    private readonly sink: FeedSink,
    private readonly options: FeedOptions
  ) {}

  /**
   * Starts after publication `resumeFrom` (a Last-Event-ID), writing what followed it, or
   * from now (the moment the feed was registered with the hub). Announcements that arrive
   * meanwhile are buffered, so none falls between.
   * A position beyond the thread's last publication (a restored backup, another server) is
   * taken as now.
   */
  async start(resumeFrom: number | null): Promise<void> {
    const now = await this.storage.lastEvent(this.thread);
    if (resumeFrom !== null) {
      this.last = Math.min(resumeFrom, now);
    } else {
      // What was announced since a new stream was registered belongs to it, even when the
      // position read afterwards already counts it.
      this.last = Math.min(now, ...this.buffer.map((b) => b.event - 1));
    }
    this.catching = false;
    if (this.last < now || this.buffer.length > 0) await this.catchUp();
  }

  /** A live announcement of this feed's thread. */
  offer(event: number, text: string): void {
    if (this.ended) return;
    if (this.catching) {
      this.buffer.push({event, text});
      return;
    }
    if (event <= this.last) return;
    if (event === this.last + 1) {
      this.last = event;
      this.send(text);
      return;
    }
    this.buffer.push({event, text});
    void this.catchUp();
  }

  /** Announcements may have been lost: read what follows the last one written. */
  catchUp(): Promise<void> {
    if (this.catching) {
      this.again = true;
      return Promise.resolve();
    }
    this.catching = true;
    return this.read().finally(() => (this.catching = false));
  }

  /** Writes what lies after `last` in the database, then what was buffered meanwhile. */
  private async read(): Promise<void> {
    for (const wait of [...RETRIES, null]) {
      try {
        await this.readOnce();
        return;
      } catch {
        if (wait === null || this.ended) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    // The database cannot be read now: end the stream; the client resumes from `last`.
    this.end('the database could not be read');
  }

  private async readOnce(): Promise<void> {
    // What the reader has had: comments published after it come as `event: comment`.
    const seen = this.last;
    do {
      this.again = false;
      for (;;) {
        const rows = await this.storage.since(this.thread, this.last, BATCH);
        for (const p of rows) {
          this.last = p.event;
          const text = frameFor(p, seen);
          if (text !== null) this.send(text);
        }
        // A reader far behind is fed as fast as it reads, no faster.
        await this.chain;
        if (rows.length < BATCH || this.ended) break;
      }
      // Whatever was announced while reading is committed, so it was read too, unless it
      // was deleted since: what remains after `last` is written in order.
      const buffered = this.buffer.sort((a, b) => a.event - b.event);
      this.buffer = [];
      for (const {event, text} of buffered) {
        if (event <= this.last) continue;
        this.last = event;
        this.send(text);
      }
    } while (this.readAgain());
  }

  /** Whether a catch-up was asked for while reading (the awaits above let it happen). */
  private readAgain(): boolean {
    return this.again && !this.ended;
  }

  /** Keep-alive comments and the like, outside the order. */
  note(text: string): void {
    if (!this.ended) this.send(text);
  }

  private send(text: string): void {
    const size = Buffer.byteLength(text);
    this.queued += size;
    if (this.queued > this.options.maxQueuedBytes) {
      this.end(`${Math.round(this.queued / 1024)} KiB unread`, true);
      return;
    }
    this.chain = this.chain
      .then(() => this.sink.write(text))
      .then(() => {
        this.queued -= size;
      });
  }

  /** Ends the feed; nothing more is written. */
  end(reason: string, now = false): void {
    if (this.ended) return;
    this.ended = true;
    this.buffer = [];
    this.sink.cut(reason, now);
  }
}
