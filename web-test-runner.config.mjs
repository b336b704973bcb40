import {existsSync} from 'node:fs';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from './scripts/chromium.mjs';
import {createLog, loadConfig, startServer} from 'parley-server';
import {restBackend} from './test/server/backend.mjs';
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

// PARLEY_BROWSERS=chromium or =firefox narrows the run; by default every browser that
// is installed runs (CI installs both).
const wanted = (process.env.PARLEY_BROWSERS || 'chromium,firefox').split(',');
const browsers = [];
if (wanted.includes('chromium')) browsers.push(chromium);
if (wanted.includes('firefox') && existsSync(firefoxPath)) browsers.push(firefox);

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
// 127.0.0.1 port, with an in-memory SQLite database and no rate limits; /api/v1 on the test
// server is proxied to it, so the rest adapter's browser tests talk to the real backend.
const referenceBackend = await startServer(
  loadConfig({argv: ['--port', '0', '--data-dir', ':memory:'], env: {RATE_LIMIT_POSTS: '0', RATE_LIMIT_READS: '0'}}),
  {log: createLog('warn')}
);

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  browsers,
  // One page at a time: a page in a background tab gets no animation frames, and
  // fixture() waits for one.
  concurrency: 1,
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  // REST contract v1 on the test server's own 127.0.0.1 origin: /api/v1 is the reference
  // backend above, /api/fault/{kind} fails in chosen ways (see test/server/backend.mjs);
  // /held/{id} answers only when the test releases it (test/server/held.mjs).
  middleware: [restBackend({upstream: referenceBackend.url}), heldAnswers(), strictCsp],
  testFramework: {config: {timeout: 10000}},
  testsFinishTimeout: 10 * 60 * 1000,
};
