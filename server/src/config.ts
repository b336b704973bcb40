// Configuration of parley-server: environment variables, overridden by command-line
// flags, parsed once into a typed object. Nothing else reads process.env. Every setting,
// its default and its meaning is in SETTINGS (and in README.md); `--help` prints them.
import {parseArgs} from 'node:util';
import type {ParseArgsConfig} from 'node:util';
import {DEFAULT_EDIT_WINDOW} from 'parley-contract';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'text';

/** The server's settings, after parsing and checking. */
export interface Config {
  port: number;
  host: string;
  storage: 'sqlite' | 'postgres';
  /** Folder of the SQLite database, or `:memory:`. */
  dataDir: string;
  databaseUrl: string | null;
  pgSchema: string;
  /** Connections of the PostgreSQL pool (plus one for LISTEN). */
  pgPoolSize: number;
  /** Longest a database statement, or the wait for a connection, may take. */
  dbTimeoutMs: number;
  /** Path prefix of the contract's routes, e.g. `/api/v1`. */
  basePath: string;
  /** Exact origins allowed to call the API from a browser, or `['*']`. */
  corsOrigins: string[];
  moderation: 'off' | 'pending';
  adminToken: string | null;
  /** How long a console session lasts. */
  adminSessionHours: number;
  /** Origin of the publisher's site, for the console's links to articles whose thread id is a path. */
  siteUrl: string | null;
  minLength: number;
  maxLength: number;
  maxBodyBytes: number;
  /** Posts per minute per client; 0: no limit. */
  ratePosts: number;
  /** Reads per minute per client; 0: no limit. */
  rateReads: number;
  /** How many reverse proxies to trust for X-Forwarded-For. */
  trustProxy: number;
  /** Connections one address may hold open at once; 0: no limit. Not applied behind proxies. */
  maxConnectionsPerClient: number;
  idempotencyHours: number;
  /** Seconds after posting during which the author may edit or delete with the secret; 0: never. */
  editWindowSeconds: number;
  /** Distinct readers' reports that move a published comment to the console's reported queue. */
  reportThreshold: number;
  /** Whether a comment in the reported queue stays shown to readers meanwhile. */
  reportedVisibility: 'shown' | 'hidden';
  /** Days after a thread's first comment when it closes by itself; null: never. */
  autoCloseDays: number | null;
  keepAliveSeconds: number;
  shutdownTimeoutMs: number;
  /** How long a client may take to send a request's headers. */
  headersTimeoutMs: number;
  /** How long a client may take to send a whole request, headers and body. */
  requestTimeoutMs: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  stopOnStdinClose: boolean;
}

type Key = keyof Config;

/** A setting: its environment variable, its flag (null: none), its default and what it means. */
interface Setting {
  env: string;
  flag: string | null;
  default: string;
  text: string;
  boolean?: true;
}

export const SETTINGS: Record<Key, Setting> = {
  port: {env: 'PORT', flag: 'port', default: '8787', text: 'TCP port to listen on (0 picks a free one).'},
  host: {
    env: 'HOST',
    flag: 'host',
    default: '127.0.0.1',
    text: 'Address to listen on. Put a reverse proxy in front rather than listening on 0.0.0.0.',
  },
  storage: {
    env: 'STORAGE',
    flag: 'storage',
    default: '',
    text: '`sqlite` or `postgres`. Default: `postgres` when DATABASE_URL is set, else `sqlite`.',
  },
  dataDir: {
    env: 'DATA_DIR',
    flag: 'data-dir',
    default: './data',
    text: 'Folder of the SQLite database (`parley.sqlite`), relative to the working directory.',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: 'database-url',
    default: '',
    text: 'PostgreSQL connection URL, e.g. postgres://parley:secret@127.0.0.1:5432/parley.',
  },
  pgSchema: {
    env: 'PG_SCHEMA',
    flag: 'pg-schema',
    default: 'public',
    text: 'PostgreSQL schema holding the tables (created when missing).',
  },
  pgPoolSize: {
    env: 'PG_POOL_SIZE',
    flag: 'pg-pool-size',
    default: '10',
    text: 'Connections each instance keeps to PostgreSQL, plus one for LISTEN. At most ten times as many requests wait for one; more are answered 503.',
  },
  dbTimeoutMs: {
    env: 'DB_TIMEOUT_MS',
    flag: 'db-timeout-ms',
    default: '5000',
    text: 'Longest a database statement, or the wait for a connection or a lock, may take; the request is then answered 503 with Retry-After.',
  },
  basePath: {env: 'BASE_PATH', flag: 'base-path', default: '/api/v1', text: 'Path prefix of REST contract v1.'},
  corsOrigins: {
    env: 'CORS_ORIGINS',
    flag: 'cors-origins',
    default: '',
    text: 'Comma-separated origins allowed to call the API from a browser (`https://news.example`), or `*`. Empty: same origin only.',
  },
  moderation: {
    env: 'MODERATION',
    flag: 'moderation',
    default: 'off',
    text: '`off`: new comments are published at once. `pending`: they wait for an admin to approve them.',
  },
  adminToken: {
    env: 'ADMIN_TOKEN',
    flag: null,
    default: '',
    text: 'Bearer token of the admin API (at least 16 characters), and what signs in to the console at /admin. Empty: both are off.',
  },
  adminSessionHours: {
    env: 'ADMIN_SESSION_HOURS',
    flag: 'admin-session-hours',
    default: '12',
    text: 'How long a console session lasts after signing in, in hours (1 to 720).',
  },
  siteUrl: {
    env: 'SITE_URL',
    flag: 'site-url',
    default: '',
    text: 'Origin of the site whose articles carry the comments (`https://news.example`): the console links a thread whose id is a path there. Empty: the first of CORS_ORIGINS, else this server.',
  },
  minLength: {
    env: 'MIN_LENGTH',
    flag: 'min-length',
    default: '50',
    text: 'Fewest characters a comment body may have (the shared counting rule).',
  },
  maxLength: {env: 'MAX_LENGTH', flag: 'max-length', default: '5000', text: 'Most characters a comment body may have.'},
  maxBodyBytes: {
    env: 'MAX_BODY_BYTES',
    flag: 'max-body-bytes',
    default: '131072',
    text: 'Largest request body accepted, in bytes; larger ones get 413.',
  },
  ratePosts: {
    env: 'RATE_LIMIT_POSTS',
    flag: 'rate-limit-posts',
    default: '10',
    text: 'Posts per minute per client (bursts up to the same number); 0 turns the limit off.',
  },
  rateReads: {
    env: 'RATE_LIMIT_READS',
    flag: 'rate-limit-reads',
    default: '600',
    text: 'Reads (lists, counts, event streams opened) per minute per client; 0 turns the limit off.',
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    flag: 'trust-proxy',
    default: '0',
    text: 'How many reverse proxies stand in front; the client address is then read from X-Forwarded-For.',
  },
  maxConnectionsPerClient: {
    env: 'MAX_CONNECTIONS_PER_CLIENT',
    flag: 'max-connections-per-client',
    default: '64',
    text: 'Connections one address may hold open at once; more are closed at once. 0 turns it off. Not applied with TRUST_PROXY (every connection then comes from the proxy, which should cap them).',
  },
  idempotencyHours: {
    env: 'IDEMPOTENCY_TTL_HOURS',
    flag: 'idempotency-ttl-hours',
    default: '48',
    text: 'How long an Idempotency-Key and its result are kept (at least 24).',
  },
  editWindowSeconds: {
    env: 'EDIT_WINDOW_SECONDS',
    flag: 'edit-window-seconds',
    default: String(DEFAULT_EDIT_WINDOW),
    text: 'Seconds after posting during which the author may edit or delete a comment (with the secret of the post answer). 0 turns editing and deleting off.',
  },
  reportThreshold: {
    env: 'REPORT_THRESHOLD',
    flag: 'report-threshold',
    default: '3',
    text: "Distinct readers' reports (features.reports) that move a published comment to the console's reported queue (1 to 1000).",
  },
  reportedVisibility: {
    env: 'REPORTED_VISIBILITY',
    flag: 'reported-visibility',
    default: 'shown',
    text: '`shown`: a comment in the reported queue stays shown to readers until a moderator decides. `hidden`: it is shown only to its author meanwhile.',
  },
  autoCloseDays: {
    env: 'AUTO_CLOSE_DAYS',
    flag: 'auto-close-days',
    default: '',
    text: "Days after a thread's first comment when it closes by itself (as a moderator's close does; a moderator's reopen overrides it). Empty: never.",
  },
  keepAliveSeconds: {
    env: 'SSE_KEEPALIVE_SECONDS',
    flag: 'sse-keepalive-seconds',
    default: '15',
    text: 'Seconds between keep-alive comments on event streams.',
  },
  shutdownTimeoutMs: {
    env: 'SHUTDOWN_TIMEOUT_MS',
    flag: 'shutdown-timeout-ms',
    default: '10000',
    text: 'On SIGTERM/SIGINT, how long in-flight requests may take before connections are cut.',
  },
  headersTimeoutMs: {
    env: 'HEADERS_TIMEOUT_MS',
    flag: 'headers-timeout-ms',
    default: '10000',
    text: 'How long a client may take to send the headers of a request before its connection is closed (408).',
  },
  requestTimeoutMs: {
    env: 'REQUEST_TIMEOUT_MS',
    flag: 'request-timeout-ms',
    default: '30000',
    text: 'How long a client may take to send a whole request, body included (408); at least HEADERS_TIMEOUT_MS. Event streams, once asked for, are not cut.',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    default: 'info',
    text: '`debug` (also one line per request), `info`, `warn` or `error`.',
  },
  logFormat: {
    env: 'LOG_FORMAT',
    flag: 'log-format',
    default: 'json',
    text: '`json`: one JSON object per line (time, level, msg, reqId and other fields). `text`: plain lines for a terminal.',
  },
  stopOnStdinClose: {
    env: 'STOP_ON_STDIN_CLOSE',
    flag: 'stop-on-stdin-close',
    default: '',
    boolean: true,
    text: 'Shut down gracefully when standard input closes (for test runners and supervisors that hold a pipe to it).',
  },
};

/** Names of the environment variables the server reads. */
export const ENV_NAMES: readonly string[] = Object.values(SETTINGS).map((s) => s.env);

/** The text of `--help`. */
export function usage(command = 'parley-server'): string {
  const lines = [`Usage: ${command} [flags]`, '', 'Every flag has an environment variable; a flag wins.', ''];
  for (const s of Object.values(SETTINGS)) {
    const name = s.flag ? (s.boolean ? `--${s.flag}` : `--${s.flag} <value>`) : '(no flag)';
    lines.push(`  ${name.padEnd(34)} ${s.env.padEnd(22)} default: ${s.default === '' ? '(empty)' : s.default}`);
    lines.push(`      ${s.text}`);
  }
  lines.push(`  ${'--help, -h'.padEnd(34)} Print this text.`);
  return lines.join('\n');
}

/** A configuration error: the command prints it and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}

const truthy = (raw: string | undefined): boolean => ['1', 'true', 'yes', 'on'].includes((raw ?? '').toLowerCase());

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
    throw new ConfigError(`${name} must be ${choices} (got "${raw}").`);
  }
  return raw as T;
}

/**
 * Reads the configuration from flags and environment variables, checks every value, and
 * throws a {@link ConfigError} naming the first bad one.
 */
export function loadConfig({
  argv = process.argv.slice(2),
  env = process.env,
}: {argv?: string[]; env?: Record<string, string | undefined>} = {}): Config & {help: boolean} {
  const options: NonNullable<ParseArgsConfig['options']> = {help: {type: 'boolean', short: 'h'}};
  for (const s of Object.values(SETTINGS)) {
    if (s.flag) options[s.flag] = {type: s.boolean ? 'boolean' : 'string'};
  }
  let values: Record<string, unknown>;
  try {
    ({values} = parseArgs({args: argv, options, strict: true, allowPositionals: false}));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message} (try --help)`);
  }
  /** The raw value of a setting: its flag, else its environment variable, else its default. */
  const raw = (key: Key): string => {
    const s = SETTINGS[key];
    const flagged = s.flag ? values[s.flag] : undefined;
    if (typeof flagged === 'string') return flagged;
    if (flagged === true) return 'true';
    const fromEnv = env[s.env];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : s.default;
  };

  const databaseUrl = raw('databaseUrl') || null;
  const storage = oneOf('STORAGE', raw('storage') || (databaseUrl ? 'postgres' : 'sqlite'), ['sqlite', 'postgres'] as const);
  if (storage === 'postgres' && !databaseUrl) throw new ConfigError('STORAGE=postgres needs DATABASE_URL.');

  const adminToken = raw('adminToken') || null;
  if (adminToken && adminToken.length < 16) throw new ConfigError('ADMIN_TOKEN must have at least 16 characters.');

  const siteUrl = raw('siteUrl').replace(/\/+$/, '') || null;
  if (siteUrl !== null && !/^https?:\/\/[^/\s]+$/.test(siteUrl))
    throw new ConfigError(`SITE_URL: "${siteUrl}" is not an origin (scheme://host[:port]).`);

  let basePath = raw('basePath').replace(/\/+$/, '');
  if (!basePath.startsWith('/')) basePath = `/${basePath}`;
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(basePath))
    throw new ConfigError(`BASE_PATH "${basePath}" has characters a path prefix cannot have.`);

  const corsOrigins = raw('corsOrigins')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port]).`);
    }
  }

  const headersTimeoutMs = int('HEADERS_TIMEOUT_MS', raw('headersTimeoutMs'), 100, 10 * 60 * 1000);
  const requestTimeoutMs = int('REQUEST_TIMEOUT_MS', raw('requestTimeoutMs'), 100, 60 * 60 * 1000);
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError('HEADERS_TIMEOUT_MS is larger than REQUEST_TIMEOUT_MS.');

  const minLength = int('MIN_LENGTH', raw('minLength'), 0, 100_000);
  const maxLength = int('MAX_LENGTH', raw('maxLength'), 1, 100_000);
  if (minLength > maxLength) throw new ConfigError('MIN_LENGTH is larger than MAX_LENGTH.');

  return {
    help: values.help === true,
    port: int('PORT', raw('port'), 0, 65535),
    host: raw('host'),
    storage,
    dataDir: raw('dataDir'),
    databaseUrl,
    pgSchema: raw('pgSchema'),
    pgPoolSize: int('PG_POOL_SIZE', raw('pgPoolSize'), 1, 1000),
    dbTimeoutMs: int('DB_TIMEOUT_MS', raw('dbTimeoutMs'), 100, 10 * 60 * 1000),
    basePath,
    corsOrigins,
    moderation: oneOf('MODERATION', raw('moderation'), ['off', 'pending'] as const),
    adminToken,
    adminSessionHours: int('ADMIN_SESSION_HOURS', raw('adminSessionHours'), 1, 720),
    siteUrl,
    minLength,
    maxLength,
    maxBodyBytes: int('MAX_BODY_BYTES', raw('maxBodyBytes'), 1024, 64 * 1024 * 1024),
    ratePosts: int('RATE_LIMIT_POSTS', raw('ratePosts'), 0, 1_000_000),
    rateReads: int('RATE_LIMIT_READS', raw('rateReads'), 0, 100_000_000),
    trustProxy: int('TRUST_PROXY', raw('trustProxy'), 0, 10),
    maxConnectionsPerClient: int('MAX_CONNECTIONS_PER_CLIENT', raw('maxConnectionsPerClient'), 0, 1_000_000),
    idempotencyHours: int('IDEMPOTENCY_TTL_HOURS', raw('idempotencyHours'), 24, 24 * 365),
    editWindowSeconds: int('EDIT_WINDOW_SECONDS', raw('editWindowSeconds'), 0, 365 * 24 * 3600),
    reportThreshold: int('REPORT_THRESHOLD', raw('reportThreshold'), 1, 1000),
    reportedVisibility: oneOf('REPORTED_VISIBILITY', raw('reportedVisibility'), ['shown', 'hidden'] as const),
    autoCloseDays: raw('autoCloseDays') === '' ? null : int('AUTO_CLOSE_DAYS', raw('autoCloseDays'), 1, 36_500),
    keepAliveSeconds: int('SSE_KEEPALIVE_SECONDS', raw('keepAliveSeconds'), 1, 3600),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', raw('shutdownTimeoutMs'), 0, 10 * 60 * 1000),
    headersTimeoutMs,
    requestTimeoutMs,
    logLevel: oneOf('LOG_LEVEL', raw('logLevel'), ['debug', 'info', 'warn', 'error'] as const),
    logFormat: oneOf('LOG_FORMAT', raw('logFormat'), ['json', 'text'] as const),
    stopOnStdinClose: truthy(raw('stopOnStdinClose')),
  };
}
