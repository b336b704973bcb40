import {existsSync} from 'node:fs';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from './scripts/chromium.mjs';
import {loopbackOnly} from './scripts/dev-server.mjs';
import {createLog, loadConfig, startServer} from 'parley-server';
import {restBackend} from './test/server/backend.mjs';
import {cookieRecorder} from './test/server/cookies.mjs';
import {forcedColors} from './test/server/forced-colors.mjs';
import {heldAnswers} from './test/server/held.mjs';

// Debian's Chromium; flags this sandboxed, offline machine needs. Puppeteer gives each
// run a fresh profile directory.
const chromium = chromeLauncher({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      // Test pages share one browser; keep timers and frames running in every tab.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  },
});

// Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (no browser download).
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const firefox = chromeLauncher({launchOptions: {browser: 'firefox', executablePath: firefoxPath, headless: true}});
firefox.name = 'Firefox';

// PARLEY_BROWSERS=chromium or =firefox narrows the run. By default both run, and a missing
// Firefox is said in one line and skipped; a missing browser that PARLEY_BROWSERS or
// PARLEY_REQUIRE_BROWSERS (CI) names stops the run, in one line, with how to install it.
const BROWSERS = {
  chromium: {launcher: chromium, path: CHROMIUM_PATH, name: 'Chromium', install: 'apt-get install chromium, or set CHROME_PATH'},
  firefox: {
    launcher: firefox,
    path: firefoxPath,
    name: 'Firefox ESR',
    install: 'apt-get install firefox-esr, or set FIREFOX_PATH',
  },
};
const list = (value) =>
  (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
const wanted = list(process.env.PARLEY_BROWSERS || 'chromium,firefox');
const required = new Set([...list(process.env.PARLEY_REQUIRE_BROWSERS), ...list(process.env.PARLEY_BROWSERS), 'chromium']);
const browsers = [];
for (const id of wanted) {
  const browser = BROWSERS[id];
  if (!browser) {
    console.error(`PARLEY_BROWSERS: unknown browser "${id}" (chromium, firefox).`);
    process.exit(2);
  }
  if (existsSync(browser.path)) browsers.push(browser.launcher);
  else if (required.has(id)) {
    console.error(`${browser.name} is not installed at ${browser.path}: ${browser.install}.`);
    process.exit(1);
  } else console.warn(`${browser.name} is not installed at ${browser.path}: skipping it (${browser.install}).`);
}

// test/csp/* is served as a publisher with a strict policy would serve it.
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');
async function strictCsp(ctx, next) {
  await next();
  if (ctx.path.startsWith('/test/csp/')) ctx.set('Content-Security-Policy', STRICT_CSP);
}

// The reference backend (parley-server, built by `npm test`) in this process, on a free
// 127.0.0.1 port, with an in-memory SQLite database, no rate limits and no connection cap
// (the test server proxies every page to it from one address); /api/v1 on the test server
// is proxied to it, so the rest adapter's browser tests talk to the real backend.
const referenceBackend = await startServer(
  loadConfig({
    argv: ['--port', '0', '--data-dir', ':memory:'],
    // ADMIN_TOKEN: tests close and reopen threads and ban authors as a moderator would
    // (test/components/comments.test.ts); one report puts a comment in the reported queue
    // (test/components/discussion-rest.test.ts).
    env: {
      RATE_LIMIT_POSTS: '0',
      RATE_LIMIT_READS: '0',
      MAX_CONNECTIONS_PER_CLIENT: '0',
      ADMIN_TOKEN: 'browser-suite-admin-token',
      REPORT_THRESHOLD: '1',
    },
  }),
  {log: createLog('warn')}
);
// What cookies reach a backend, on a second origin and on this one (test/server/cookies.mjs).
const recorder = await cookieRecorder({upstream: referenceBackend.url});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  browsers,
  // One page at a time: a page in a background tab gets no animation frames, and
  // fixture() waits for one.
  concurrency: 1,
  plugins: [loopbackOnly(), forcedColors(), esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  // REST contract v1 on the test server's own 127.0.0.1 origin: /api/v1 is the reference
  // backend above, /api/fault/{kind} fails in chosen ways (see test/server/backend.mjs);
  // /held/{id} answers only when the test releases it (test/server/held.mjs); /api/record
  // records the cookies each request brought (test/server/cookies.mjs).
  middleware: [restBackend({upstream: referenceBackend.url}), heldAnswers(), recorder.middleware, strictCsp],
  testFramework: {config: {timeout: 10000}},
  testsFinishTimeout: 10 * 60 * 1000,
  // A browser that starts slowly on a loaded two-core machine (CI) gets a minute and a half
  // to open its test page: Firefox once missed the default 30 s there.
  browserStartTimeout: 90 * 1000,
};
