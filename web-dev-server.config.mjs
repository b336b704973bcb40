// `npm run start:local` (demo/serve-local.mjs) and the screenshots: the demo article with the
// browser-local adapter, no backend. Serves
// demo/*.html so that they load ../dist/*.js the way an npm user's page would, with bare
// imports (lit, idb-keyval …) resolved from node_modules; on 127.0.0.1 only, and nothing
// of the repository but what the pages load. Run `npm run build` first (start:local does).
import {loopbackOnly, onlyWhatPagesNeed} from './scripts/dev-server.mjs';

const port = Number.parseInt(process.env.PORT ?? '', 10) || 8000;

/** @type {import('@web/dev-server').DevServerConfig} */
export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  port,
  open: false,
  nodeResolve: true,
  watch: false,
  middleware: [
    function demoIndex(ctx, next) {
      if (ctx.path === '/' || ctx.path === '/demo' || ctx.path === '/demo/') {
        ctx.redirect('/demo/index.html?local');
        return undefined;
      }
      return next();
    },
    onlyWhatPagesNeed(),
  ],
  plugins: [
    loopbackOnly(),
    {
      name: 'parley-demo-urls',
      serverStart({config, logger}) {
        const base = `http://127.0.0.1:${config.port}`;
        logger.log(`Parley demo: ${base}/demo/?local  (script tag: ${base}/demo/embed.html)`);
      },
    },
  ],
};
