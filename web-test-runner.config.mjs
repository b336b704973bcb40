import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {restBackend} from './test/server/backend.mjs';

// Debian's Chromium; flags this sandboxed, offline machine needs. Puppeteer gives each
// run a fresh profile directory.
const chromium = chromeLauncher({
  launchOptions: {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Test pages share one browser; keep timers and frames running in every tab.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  },
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  browsers: [chromium],
  // One page at a time: a page in a background tab gets no animation frames, and
  // fixture() waits for one.
  concurrency: 1,
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  // A real HTTP backend of REST contract v1 on the test server's own 127.0.0.1 origin,
  // with endpoints that fail in chosen ways (see test/server/backend.mjs).
  middleware: [restBackend()],
  testFramework: {config: {timeout: 10000}},
  testsFinishTimeout: 10 * 60 * 1000,
};
