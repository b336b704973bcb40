import {createMiddleware} from 'hono/factory';
import {requestId as honoRequestId} from 'hono/request-id';
import type {AppEnv} from '../env.js';
import type {Log} from '../log.js';

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Sets `requestId`: the request's `X-Request-Id` when it is sane (at most 128 letters,
 * digits, `_`, `-` or `=`, as a proxy in front sends it), else a new UUID; and answers
 * with it, error answers included, so a reader's report can be found in the log.
 */
export function requestId() {
  const read = honoRequestId({headerName: REQUEST_ID_HEADER, limitLength: 128});
  return createMiddleware<AppEnv>(async (c, next) => {
    await read(c, next);
    // Again on the final answer: an error or a 404 answer is a new Response.
    c.res.headers.set(REQUEST_ID_HEADER, c.var.requestId);
  });
}

/** At `debug`, one line per request: its id, method, path, status, time taken and client. */
export function requestLog(log: Log) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    log.debug('request', {
      reqId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      client: c.var.client,
    });
  });
}
