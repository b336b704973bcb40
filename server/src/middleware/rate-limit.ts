import type {Context} from 'hono';
import {createMiddleware} from 'hono/factory';
import type {AppEnv} from '../env.js';
import {HttpError} from '../errors.js';
import type {Log} from '../log.js';

/** A token bucket per client: `perMinute` requests a minute, in bursts of up to as many. */
export class RateLimiter {
  private readonly buckets = new Map<string, {tokens: number; at: number}>();
  private sweptAt = Date.now();

  /** @param perMinute 0 turns the limit off */
  constructor(private readonly perMinute: number) {}

  /** Takes a token; returns 0, or the seconds to wait before one is there. */
  take(client: string, now = Date.now()): number {
    return this.check(client, now, true);
  }

  /** Like {@link take}, but leaves the token there: 0 when one is there, else the seconds to wait. */
  wait(client: string, now = Date.now()): number {
    return this.check(client, now, false);
  }

  private check(client: string, now: number, take: boolean): number {
    const {perMinute, buckets} = this;
    if (!perMinute) return 0;
    const rate = perMinute / 60_000; // tokens per millisecond
    if (now - this.sweptAt > 60_000) {
      // A bucket untouched for a minute is full again: forget it.
      for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
      this.sweptAt = now;
    }
    const found = buckets.get(client);
    if (!found && !take) return 0; // a full bucket, not kept until something is taken
    const b = found ?? {tokens: perMinute, at: now};
    b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    buckets.set(client, b);
    if (b.tokens >= 1) {
      if (take) b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }
}

/** 429 `rate_limited` with `Retry-After: wait`. */
export const tooManyRequests = (wait: number, message = `Too many requests; try again in ${wait} seconds.`) =>
  new HttpError(429, 'rate_limited', message, undefined, {'Retry-After': String(wait)});

/** Refuses a request with 429 `rate_limited` and `Retry-After` when its client has no token left. */
export function rateLimit(limiter: RateLimiter, log: Log) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const wait = limiter.take(c.var.client);
    if (wait) {
      log.debug(`rate limited ${c.var.client} ${c.req.method} ${c.req.path} (retry in ${wait}s)`, {reqId: c.var.requestId});
      throw tooManyRequests(wait);
    }
    await next();
  });
}

/**
 * Refuses a request with 429 while its client has no token left, without taking one: the
 * caller takes one for each failure ({@link RateLimiter.take}), so only failures count.
 */
export function throttle(limiter: RateLimiter, message: (wait: number) => string, onRefused?: (c: Context<AppEnv>) => void) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const wait = limiter.wait(c.var.client);
    if (wait) {
      onRefused?.(c);
      throw tooManyRequests(wait, message(wait));
    }
    await next();
  });
}
