// Console sessions: the admin token is exchanged once for a session cookie (HttpOnly,
// SameSite=Strict, Secure over HTTPS, with an expiry), stored server-side by the SHA-256 of
// its id, so every instance on one database shares it and signing out ends it everywhere.
//
// CSRF: SameSite=Strict already keeps other sites' requests from carrying the cookie. On
// top of that, every state-changing request authenticated by the cookie must carry
// `X-Parley-CSRF`, a token derived from the session id (HMAC-SHA256 keyed with it), which
// only the console reads (from the session's own answer, never from the HttpOnly cookie):
// a page of another origin cannot read it, nor send the header without a CORS preflight.
// A browser's `Sec-Fetch-Site`, when sent, must say `same-origin`. (hono/csrf is not used:
// it looks at form content types only, and compares Origin with the URL this server sees,
// which is not the public one behind a proxy.)
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import type {AdminSession, AdminSignIn} from 'parley-contract';
import {Hono} from 'hono';
import type {Context, MiddlewareHandler} from 'hono';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import {serialize} from 'hono/utils/cookie';
import type {AppEnv, Deps} from '../env.js';
import {HttpError} from '../errors.js';
import {notAllowed, sha256} from '../request.js';
import {jsonBody} from './body.js';

/** The environment of the admin routes: who acts, for the audit log. */
export interface AdminEnv extends AppEnv {
  Variables: AppEnv['Variables'] & {
    /** `admin token`, or `session ` and the first characters of the session's hash. */
    actor: string;
  };
}

export const SESSION_COOKIE = 'parley_admin';
export const CSRF_HEADER = 'X-Parley-CSRF';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const SAFE = /^(GET|HEAD|OPTIONS)$/;

/** The actor of a session in the audit log: a prefix of its hash (never of the id itself). */
export const sessionActor = (idHash: string) => `session ${idHash.slice(0, 8)}`;
const csrfOf = (id: string) => createHmac('sha256', id).update('parley-admin-csrf').digest('base64url');

/** Compares two secrets in constant time (their hashes, so the lengths match). */
export const sameSecret = (a: string, b: string) => timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));

/** Whether the request came over HTTPS: the URL, or with proxies trusted, their X-Forwarded-Proto. */
export function overHttps(c: Context, trustProxy: number): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (trustProxy === 0) return false;
  const proto = (c.req.header('x-forwarded-proto') ?? '').split(',').at(-1)?.trim().toLowerCase();
  return proto === 'https';
}

/** What the session routes need from the admin routes: the throttle of failed logins. */
export interface LoginGuard {
  /** Counts a failed login against the client and logs it (summed up). */
  failed(c: Context<AdminEnv>): void;
}

const unauthorized = (message: string, headers: Record<string, string> = {}) =>
  new HttpError(401, 'invalid', message, undefined, {'WWW-Authenticate': 'Bearer realm="parley-admin"', ...headers});
const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

export function adminSessions({config, storage, log}: Pick<Deps, 'config' | 'storage' | 'log'>, guard: LoginGuard) {
  const path = `${config.basePath}/admin`;
  const hours = config.adminSessionHours;

  /** The session the cookie names, or null (no cookie, a malformed one, expired, signed out). */
  async function current(c: Context<AdminEnv>) {
    const id = getCookie(c, SESSION_COOKIE);
    if (id === undefined || !SESSION_ID.test(id)) return null;
    const idHash = sha256(id);
    const found = await storage.findSession(idHash, new Date());
    return found ? {id, idHash, ...found} : null;
  }

  const answer = (s: {id: string; idHash: string; expiresAt: string}): AdminSession => ({
    csrfToken: csrfOf(s.id),
    expiresAt: s.expiresAt,
    actor: sessionActor(s.idHash),
  });

  const forget = (c: Context) => deleteCookie(c, SESSION_COOKIE, {path, secure: overHttps(c, config.trustProxy)});
  /** 401, clearing the cookie when the request had one (an error answer is a Response of its own). */
  const signedOut = (c: Context, message: string) =>
    unauthorized(
      message,
      getCookie(c, SESSION_COOKIE) === undefined
        ? {}
        : {'Set-Cookie': serialize(SESSION_COOKIE, '', {path, maxAge: 0, secure: overHttps(c, config.trustProxy)})}
    );

  /** Refuses a state-changing request whose CSRF header or Sec-Fetch-Site is wrong. */
  function checkCsrf(c: Context<AdminEnv>, id: string): void {
    if (SAFE.test(c.req.method)) return;
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin') throw forbidden('Console requests must come from the console itself.');
    const token = c.req.header(CSRF_HEADER);
    if (!token || !sameSecret(token, csrfOf(id))) {
      throw forbidden(`The ${CSRF_HEADER} header is missing or does not belong to this session.`);
    }
  }

  /**
   * Authenticates an admin request by its session cookie (with the CSRF checks), or, when
   * it carries an Authorization header or no cookie, by `bearer` (the API for scripts).
   */
  const authenticate =
    (bearer: MiddlewareHandler<AdminEnv>): MiddlewareHandler<AdminEnv> =>
    async (c, next) => {
      if (c.req.header('authorization') !== undefined || getCookie(c, SESSION_COOKIE) === undefined) {
        return bearer(c, async () => {
          c.set('actor', 'admin token');
          await next();
        });
      }
      const session = await current(c);
      if (!session) throw signedOut(c, 'The console session has expired or was signed out; sign in again.');
      checkCsrf(c, session.id);
      c.set('actor', sessionActor(session.idHash));
      await next();
    };

  const routes = new Hono<AdminEnv>();
  // Signing in: the token for a new session (a new id every time: no fixation).
  routes.post('/', async (c) => {
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw forbidden('Sign in from the console itself.');
    const {token} = await jsonBody<AdminSignIn>(c, '{"token": "…"}');
    if (typeof token !== 'string' || !config.adminToken || !sameSecret(token, config.adminToken)) {
      guard.failed(c);
      throw unauthorized('That is not the admin token.');
    }
    // A session the browser still had ends: the new one never reuses an id it was given.
    const old = await current(c);
    if (old) await storage.endSession(old.idHash);
    const now = new Date();
    await storage.purgeSessions(now);
    const id = randomBytes(32).toString('base64url');
    const idHash = sha256(id);
    const expires = new Date(now.getTime() + hours * 3600_000);
    await storage.createSession(idHash, now, expires);
    setCookie(c, SESSION_COOKIE, id, {
      path,
      httpOnly: true,
      sameSite: 'Strict',
      secure: overHttps(c, config.trustProxy),
      maxAge: hours * 3600,
    });
    log.info(`admin: ${sessionActor(idHash)} signed in`, {reqId: c.var.requestId, client: c.var.client});
    await storage.audit({actor: sessionActor(idHash), action: 'sign-in', commentId: null, threadId: null, detail: null});
    return c.json(answer({id, idHash, expiresAt: expires.toISOString()}), 201);
  });

  routes.get('/', async (c) => {
    const session = await current(c);
    if (!session) throw signedOut(c, 'Not signed in.');
    return c.json(answer(session));
  });

  // Signing out: the session ends on every instance.
  routes.delete('/', async (c) => {
    const session = await current(c);
    if (!session) throw signedOut(c, 'Not signed in.');
    checkCsrf(c, session.id);
    await storage.endSession(session.idHash);
    forget(c);
    log.info(`admin: ${sessionActor(session.idHash)} signed out`, {reqId: c.var.requestId});
    await storage.audit({actor: sessionActor(session.idHash), action: 'sign-out', commentId: null, threadId: null, detail: null});
    return c.body(null, 204);
  });
  routes.all('/', notAllowed('GET, HEAD, POST, DELETE'));

  return {authenticate, routes};
}
