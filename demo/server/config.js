// Configuration of the Parley reference backend: environment variables, overridden by
// command-line flags. Every setting, its default and its meaning is listed in SETTINGS
// (and in README.md); `node demo/server/main.js --help` prints them.
import {parseArgs} from 'node:util';

/**
 * @typedef {object} Config
 * @property {number} port
 * @property {string} host
 * @property {'sqlite' | 'postgres'} storage
 * @property {string} dataDir
 * @property {string | null} databaseUrl
 * @property {string} pgSchema
 * @property {string} basePath
 * @property {string[]} corsOrigins  exact origins, or ['*']
 * @property {'off' | 'pending'} moderation
 * @property {string | null} adminToken
 * @property {number} minLength
 * @property {number} maxLength
 * @property {number} maxBodyBytes
 * @property {number} ratePosts  posts per minute per client, 0 = no limit
 * @property {number} rateReads  reads per minute per client, 0 = no limit
 * @property {number} trustProxy  how many reverse proxies to trust for X-Forwarded-For
 * @property {number} idempotencyHours
 * @property {number} keepAliveSeconds
 * @property {number} shutdownTimeoutMs
 * @property {'debug' | 'info' | 'warn' | 'error'} logLevel
 * @property {boolean} demo
 * @property {boolean} stopOnStdinClose
 */

/** name → [env var, flag or null, default, description] */
export const SETTINGS = {
  port: ['PORT', 'port', '8787', 'TCP port to listen on (0 picks a free one).'],
  host: ['HOST', 'host', '127.0.0.1', 'Address to listen on. Put a reverse proxy in front rather than listening on 0.0.0.0.'],
  storage: ['STORAGE', 'storage', '', '`sqlite` or `postgres`. Default: `postgres` when DATABASE_URL is set, else `sqlite`.'],
  dataDir: ['DATA_DIR', 'data-dir', './data', 'Folder of the SQLite database (`parley.sqlite`), relative to the working directory.'],
  databaseUrl: ['DATABASE_URL', 'database-url', '', 'PostgreSQL connection URL, e.g. postgres://parley:secret@127.0.0.1:5432/parley.'],
  pgSchema: ['PG_SCHEMA', 'pg-schema', 'public', 'PostgreSQL schema holding the tables (created when missing).'],
  basePath: ['BASE_PATH', 'base-path', '/api/v1', 'Path prefix of REST contract v1.'],
  corsOrigins: ['CORS_ORIGINS', 'cors-origins', '', 'Comma-separated origins allowed to call the API from a browser (`https://news.example`), or `*`. Empty: same origin only.'],
  moderation: ['MODERATION', 'moderation', 'off', '`off`: new comments are published at once. `pending`: they wait for an admin to approve them.'],
  adminToken: ['ADMIN_TOKEN', null, '', 'Bearer token of the admin API (at least 16 characters). Empty: the admin API is off.'],
  minLength: ['MIN_LENGTH', 'min-length', '50', 'Fewest characters a comment body may have (the shared counting rule).'],
  maxLength: ['MAX_LENGTH', 'max-length', '5000', 'Most characters a comment body may have.'],
  maxBodyBytes: ['MAX_BODY_BYTES', 'max-body-bytes', '131072', 'Largest request body accepted, in bytes; larger ones get 413.'],
  ratePosts: ['RATE_LIMIT_POSTS', 'rate-limit-posts', '10', 'Posts per minute per client (bursts up to the same number); 0 turns the limit off.'],
  rateReads: ['RATE_LIMIT_READS', 'rate-limit-reads', '600', 'Reads (lists, counts, event streams opened) per minute per client; 0 turns the limit off.'],
  trustProxy: ['TRUST_PROXY', 'trust-proxy', '0', 'How many reverse proxies stand in front; the client address is then read from X-Forwarded-For.'],
  idempotencyHours: ['IDEMPOTENCY_TTL_HOURS', 'idempotency-ttl-hours', '48', 'How long an Idempotency-Key and its result are kept (at least 24).'],
  keepAliveSeconds: ['SSE_KEEPALIVE_SECONDS', 'sse-keepalive-seconds', '15', 'Seconds between keep-alive comments on event streams.'],
  shutdownTimeoutMs: ['SHUTDOWN_TIMEOUT_MS', 'shutdown-timeout-ms', '10000', 'On SIGTERM/SIGINT, how long in-flight requests may take before connections are cut.'],
  logLevel: ['LOG_LEVEL', 'log-level', 'info', '`debug` (also one line per request), `info`, `warn` or `error`.'],
  demo: ['DEMO', 'demo', '', 'Also serve the demo (/demo/*, /dist/*) and seed the demo thread on first start.'],
  stopOnStdinClose: ['STOP_ON_STDIN_CLOSE', 'stop-on-stdin-close', '', 'Shut down gracefully when standard input closes (for test runners and supervisors that hold a pipe to it).'],
};

const BOOLEAN_FLAGS = new Set(['demo', 'stop-on-stdin-close']);

/** The usage text of `--help`. */
export function usage() {
  const lines = ['Usage: node demo/server/main.js [flags]', '', 'Every flag has an environment variable; a flag wins.', ''];
  for (const [env, flag, def, text] of Object.values(SETTINGS)) {
    const name = flag ? (BOOLEAN_FLAGS.has(flag) ? `--${flag}` : `--${flag} <value>`) : '(no flag)';
    lines.push(`  ${name.padEnd(34)} ${env.padEnd(22)} default: ${def === '' ? '(empty)' : def}`);
    lines.push(`      ${text}`);
  }
  return lines.join('\n');
}

/** A configuration error: main.js prints it and exits 2. */
export class ConfigError extends Error {}

const int = (name, raw, min, max) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
};

const truthy = (raw) => ['1', 'true', 'yes', 'on'].includes(String(raw ?? '').toLowerCase());

/**
 * Reads the configuration.
 * @param {{argv?: string[], env?: Record<string, string | undefined>}} [source]
 * @returns {Config & {help: boolean}}
 */
export function loadConfig({argv = process.argv.slice(2), env = process.env} = {}) {
  /** @type {import('node:util').ParseArgsConfig['options']} */
  const options = {help: {type: 'boolean', short: 'h'}};
  for (const [, flag] of Object.values(SETTINGS)) {
    if (flag) options[flag] = BOOLEAN_FLAGS.has(flag) ? {type: 'boolean'} : {type: 'string'};
  }
  let values;
  try {
    ({values} = parseArgs({args: argv, options, strict: true, allowPositionals: false}));
  } catch (error) {
    throw new ConfigError(`${error.message} (try --help)`);
  }
  /** The raw value of a setting: flag, else environment, else default. */
  const raw = (key) => {
    const [envName, flag, def] = SETTINGS[key];
    if (flag && values[flag] !== undefined) return values[flag];
    if (env[envName] !== undefined && env[envName] !== '') return env[envName];
    return def;
  };

  const databaseUrl = raw('databaseUrl') || null;
  const storage = raw('storage') || (databaseUrl ? 'postgres' : 'sqlite');
  if (storage !== 'sqlite' && storage !== 'postgres') throw new ConfigError(`STORAGE must be sqlite or postgres (got "${storage}").`);
  if (storage === 'postgres' && !databaseUrl) throw new ConfigError('STORAGE=postgres needs DATABASE_URL.');

  const moderation = raw('moderation');
  if (moderation !== 'off' && moderation !== 'pending') throw new ConfigError(`MODERATION must be off or pending (got "${moderation}").`);

  const adminToken = raw('adminToken') || null;
  if (adminToken && adminToken.length < 16) throw new ConfigError('ADMIN_TOKEN must have at least 16 characters.');

  let basePath = raw('basePath').replace(/\/+$/, '');
  if (!basePath.startsWith('/')) basePath = `/${basePath}`;
  if (!/^\/[A-Za-z0-9._~\/-]*$/.test(basePath)) throw new ConfigError(`BASE_PATH "${basePath}" has characters a path prefix cannot have.`);

  const corsOrigins = raw('corsOrigins')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port]).`);
    }
  }

  const minLength = int('MIN_LENGTH', raw('minLength'), 0, 100_000);
  const maxLength = int('MAX_LENGTH', raw('maxLength'), 1, 100_000);
  if (minLength > maxLength) throw new ConfigError('MIN_LENGTH is larger than MAX_LENGTH.');

  const logLevel = raw('logLevel');
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error (got "${logLevel}").`);

  return {
    help: Boolean(values.help),
    port: int('PORT', raw('port'), 0, 65535),
    host: raw('host'),
    storage,
    dataDir: raw('dataDir'),
    databaseUrl,
    pgSchema: raw('pgSchema'),
    basePath,
    corsOrigins,
    moderation,
    adminToken,
    minLength,
    maxLength,
    maxBodyBytes: int('MAX_BODY_BYTES', raw('maxBodyBytes'), 1024, 64 * 1024 * 1024),
    ratePosts: int('RATE_LIMIT_POSTS', raw('ratePosts'), 0, 1_000_000),
    rateReads: int('RATE_LIMIT_READS', raw('rateReads'), 0, 100_000_000),
    trustProxy: int('TRUST_PROXY', raw('trustProxy'), 0, 10),
    idempotencyHours: int('IDEMPOTENCY_TTL_HOURS', raw('idempotencyHours'), 24, 24 * 365),
    keepAliveSeconds: int('SSE_KEEPALIVE_SECONDS', raw('keepAliveSeconds'), 1, 3600),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', raw('shutdownTimeoutMs'), 0, 10 * 60 * 1000),
    logLevel: /** @type {Config['logLevel']} */ (logLevel),
    demo: values.demo === true || truthy(env.DEMO),
    stopOnStdinClose: values['stop-on-stdin-close'] === true || truthy(env.STOP_ON_STDIN_CLOSE),
  };
}
