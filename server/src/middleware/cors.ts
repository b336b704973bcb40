import {AUTHOR_HEADER, IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER, SECRET_HEADER} from 'parley-contract';
import {cors} from 'hono/cors';
import {createMiddleware} from 'hono/factory';
import type {AppEnv} from '../env.js';
import {HttpError} from '../errors.js';
import {REQUEST_ID_HEADER} from './request-log.js';

/**
 * CORS for the API: origins on the allow-list (or every origin, for `*`) may call it from
 * a browser and read the contract's headers; others get no CORS headers, and their
 * preflights a 403, so a misconfigured page fails loudly rather than half-way.
 */
export function corsPolicy(origins: readonly string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  const permitted = (origin: string | undefined) => !!origin && (any || allowed.has(origin));
  const policy = cors({
    origin: any ? '*' : (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowHeaders: ['Content-Type', IDEMPOTENCY_KEY_HEADER, AUTHOR_HEADER, SECRET_HEADER, 'Authorization', 'Last-Event-ID'],
    exposeHeaders: ['Retry-After', AUTHOR_HEADER, REPLAYED_HEADER, REQUEST_ID_HEADER],
    maxAge: 600,
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    // Without an Origin there is nothing to allow (a server, a same-origin GET): no CORS work.
    if (!origin) return next();
    if (c.req.method === 'OPTIONS' && !permitted(origin)) {
      throw new HttpError(403, 'invalid', 'This origin may not call the API (CORS_ORIGINS).');
    }
    return policy(c, next);
  });
}
