// `GET /counts`: published comments of several threads, for article lists.
import {MAX_COUNT_THREADS} from 'parley-contract';
import type {CommentCounts} from 'parley-contract';
import {Hono} from 'hono';
import type {AppEnv, Deps} from '../env.js';
import {badRequest} from '../errors.js';
import {notAllowed} from '../request.js';
import {threadId} from '../validation.js';

export function countRoutes({storage, reads}: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/counts', reads, async (c) => {
    // URLSearchParams, as every client encodes them ('+' is a space, a stray '%' is kept).
    const threads = new URL(c.req.url).searchParams.getAll('thread');
    if (threads.length > MAX_COUNT_THREADS) throw badRequest(`Ask for at most ${MAX_COUNT_THREADS} threads at once.`, 'thread');
    const unique = [...new Set(threads.map((t) => threadId(t, false)))];
    return c.json({counts: unique.length ? await storage.counts(unique) : {}} satisfies CommentCounts);
  });

  app.all('/counts', notAllowed('GET, HEAD'));
  return app;
}
