// `GET /counts`: published comments of several threads, for article lists (and the reader's own, as pages count them).
import {MAX_COUNT_THREADS} from 'parley-contract';
import type {CommentCounts} from 'parley-contract';
import {Hono} from 'hono';
import type {AppEnv, Deps} from '../env.js';
import {badRequest} from '../errors.js';
import {notAllowed, viewerOf} from '../request.js';
import {threadId} from '../validation.js';

export function countRoutes({storage, reads}: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/counts', reads, async (c) => {
    // URLSearchParams, as every client encodes them ('+' is a space, a stray '%' is kept).
    const threads = new URL(c.req.url).searchParams.getAll('thread');
    if (threads.length > MAX_COUNT_THREADS) throw badRequest(`Ask for at most ${MAX_COUNT_THREADS} threads at once.`, 'thread');
    const unique = [...new Set(threads.map((t) => threadId(t, false)))];
    // As a page's total: the reader's own comments that only they see count for them.
    const counts = unique.length ? await storage.counts(unique, viewerOf(c)) : {};
    return c.json({counts} satisfies CommentCounts);
  });

  app.all('/counts', notAllowed('GET, HEAD'));
  return app;
}
