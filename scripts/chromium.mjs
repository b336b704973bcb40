// How every script of this repo starts Debian's Chromium: the test runner, the
// screenshots, the benchmark and the framework examples' test.

/** `CHROME_PATH`, or Debian's Chromium. */
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags this sandboxed machine needs (no network but the registries, running as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
