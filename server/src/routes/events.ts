// The optional live route of REST contract v1: a thread's new comments as server-sent events.
import type {Comment} from 'parley-contract';
import {Hono} from 'hono';
import {streamSSE} from 'hono/streaming';
import type {AppEnv, Deps} from '../env.js';
import {HttpError} from '../errors.js';
import {notAllowed, threadOf} from '../request.js';

/** Event streams one client may hold open at once. */
const MAX_STREAMS_PER_CLIENT = 20;
/** Comments a resuming client is sent at most. */
const MAX_REPLAY = 500;

export function eventRoutes({config, storage, hub, reads}: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/threads/:thread/events', reads, async (c) => {
    const thread = threadOf(c);
    const client = c.var.client;
    if (hub.openBy(client) >= MAX_STREAMS_PER_CLIENT) {
      throw new HttpError(429, 'rate_limited', 'Too many open event streams.', undefined, {'Retry-After': '30'});
    }
    // The header of a browser's own reconnection, or the query of a client that reconnects itself.
    const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const resumeFrom = lastEventId && /^\d{1,16}$/.test(lastEventId) ? Number(lastEventId) : null;
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      // Writes are chained so that events never interleave.
      let chain = Promise.resolve();
      const write = (text: string) => {
        chain = chain.then(() => (stream.closed ? undefined : stream.write(text).then(() => {}))).catch(() => done());
        return chain;
      };
      const event = (comment: Comment, seq: number) => write(`event: comment\nid: ${seq}\ndata: ${JSON.stringify(comment)}\n\n`);
      const leave = hub.add(
        thread,
        client,
        (comment, seq) => void event(comment, seq),
        () => done()
      );
      stream.onAbort(() => done());
      const keepAlive = setInterval(() => void write(': keep-alive\n\n'), config.keepAliveSeconds * 1000);
      try {
        await write(`retry: 3000\n: connected to ${JSON.stringify(thread).slice(0, 200)}\n\n`);
        if (resumeFrom !== null) {
          for (const {comment, seq} of await storage.since(thread, resumeFrom, MAX_REPLAY)) await event(comment, seq);
        }
        await finished;
      } finally {
        clearInterval(keepAlive);
        leave();
      }
    });
  });

  app.all('/threads/:thread/events', notAllowed('GET, HEAD'));
  return app;
}
