import {createMiddleware} from 'hono/factory';
import type {AppEnv} from '../env.js';

/**
 * Sets `client`, the address rate limits count against: with `trustProxy` reverse
 * proxies in front, the address the nearest of them saw (X-Forwarded-For); else the
 * socket's peer. The header is ignored without proxies: anyone could forge it.
 */
export function clientAddress(trustProxy: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let client: string | undefined;
    if (trustProxy > 0) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      client = hops[Math.max(0, hops.length - trustProxy)];
    }
    c.set('client', client ?? c.env.incoming?.socket.remoteAddress ?? 'unknown');
    await next();
  });
}
