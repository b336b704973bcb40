import {createMiddleware} from 'hono/factory';
import type {AppEnv} from '../env.js';
import type {Log} from '../log.js';

/** At `debug`, one line per request: method, path, status and time taken. */
export function requestLog(log: Log) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    log.debug(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });
}
