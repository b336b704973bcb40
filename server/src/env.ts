import type {HttpBindings} from '@hono/node-server';
import type {MiddlewareHandler} from 'hono';
import type {Config} from './config.js';
import type {EventHub} from './live/hub.js';
import type {Log} from './log.js';
import type {Storage} from './storage/index.js';

/**
 * The typed environment of the app's handlers. Under @hono/node-server the bindings hold
 * Node's request and response; under `app.request()` (in-process tests) they are absent.
 */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** The client address that rate limits and stream caps count against. */
    client: string;
    /** The request's id (X-Request-Id), in every log line about it. */
    requestId: string;
  };
}

/** What the route modules are built from. */
export interface Deps {
  config: Config;
  storage: Storage;
  log: Log;
  hub: EventHub;
  /** Rate limits: lists, counts and streams opened count as reads. */
  reads: MiddlewareHandler<AppEnv>;
  /** Posts, edits and deletions. */
  posts: MiddlewareHandler<AppEnv>;
  /** Likes and unlikes: a bucket of their own, as large as that of posts. */
  reactions: MiddlewareHandler<AppEnv>;
  /** The time now, in milliseconds since the epoch (tests move it). */
  now: () => number;
  /** Registers what to do when the app is disposed of (the server closing), e.g. a last log line. */
  onDispose: (fn: () => void) => void;
}
