// What the @web/dev-server configurations share (npm run start:local, the screenshots, the
// test runner): listening on 127.0.0.1 only, and serving only what the pages need.

/**
 * A dev-server plugin that listens on 127.0.0.1 only. Given the hostname 127.0.0.1,
 * @web/dev-server listens on every interface (so that some remote browsers reach it) and
 * prints a network address; this binds the same port again, on loopback.
 */
export function loopbackOnly() {
  return {
    name: 'parley-loopback-only',
    async serverStart({server}) {
      if (!server) return;
      const {port} = server.address();
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    },
  };
}

/** The paths a demo page loads: the demo's files, the built JavaScript and the packages it imports. */
const ALLOWED = [
  /^\/demo\/(index\.html|embed\.html|i18n\.html|demo\.js|seed\.js|i18n\.js|article\.css|favicon\.svg)?$/,
  /^\/dist\/[\w/.-]+\.js$/,
  /^\/contract\/dist\/[\w.-]+\.js$/,
  /^\/node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs|idb-keyval|parley-contract)\/[\w/.@-]+\.js$/,
  /^\/__web-dev-server/,
];

/** A dev-server middleware that answers 404 for everything else: the repository, its data, its git folder. */
export function onlyWhatPagesNeed(extra = []) {
  const allowed = [...ALLOWED, ...extra];
  return (ctx, next) => (allowed.some((re) => re.test(ctx.path)) ? next() : ((ctx.status = 404), undefined));
}
