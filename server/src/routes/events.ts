// The optional live route of REST contract v1: a thread's new comments as server-sent events.
// Each event's `id:` is the comment's number in the thread's publication order; a client
// that comes back with it (Last-Event-ID, or ?lastEventId=) gets what it missed, exactly once.
import {Hono} from 'hono';
import {streamSSE} from 'hono/streaming';
import type {AppEnv, Deps} from '../env.js';
import {HttpError} from '../errors.js';
import {Feed} from '../live/feed.js';
import {notAllowed, threadOf} from '../request.js';

/** Event streams one client may hold open at once. */
const MAX_STREAMS_PER_CLIENT = 20;
/** Unsent bytes a stream may hold for a reader that does not keep up; then it is cut off. */
const MAX_QUEUED_BYTES = 512 * 1024;

export function eventRoutes({config, storage, hub, log, reads}: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/threads/:thread/events', reads, async (c) => {
    const thread = threadOf(c);
    const client = c.var.client;
    if (hub.openBy(client) >= MAX_STREAMS_PER_CLIENT) {
      throw new HttpError(429, 'rate_limited', 'Too many open event streams.', undefined, {'Retry-After': '30'});
    }
    // The header of a browser's own reconnection, or the query of a client that reconnects itself.
    const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const resumeFrom = lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : null;
    // Under Node, a reader that does not keep up is cut off by destroying the socket: a
    // stream that ends normally would hold the unsent bytes until the reader reads them.
    const socket = c.env.incoming?.socket;
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const feed = new Feed(
        thread,
        storage,
        {
          write: async (text) => {
            if (!stream.closed && !stream.aborted) await stream.write(text);
          },
          cut: (reason, now) => {
            if (reason !== 'shutdown') log.debug(`event stream of ${client} on ${JSON.stringify(thread)} ended: ${reason}`);
            if (now) socket?.destroy();
            done();
          },
        },
        {maxQueuedBytes: MAX_QUEUED_BYTES}
      );
      const leave = hub.add(thread, client, feed);
      stream.onAbort(() => feed.end('closed by the client'));
      const keepAlive = setInterval(() => feed.note(': keep-alive\n\n'), config.keepAliveSeconds * 1000);
      try {
        feed.note(`retry: 3000\n: connected to ${JSON.stringify(thread).slice(0, 200)}\n\n`);
        await feed.start(resumeFrom);
        await finished;
      } catch {
        // The database did not answer the start position: the client retries.
        feed.end('the database could not be read');
      } finally {
        clearInterval(keepAlive);
        leave();
      }
    });
  });

  app.all('/threads/:thread/events', notAllowed('GET, HEAD'));
  return app;
}
