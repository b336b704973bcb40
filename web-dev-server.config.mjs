// `npm start`: serves the repository root so that demo/*.html can load ../dist/*.js the
// way an npm user's page would, with bare imports (lit, idb-keyval …) resolved from
// node_modules. Run `npm run build` first (npm start does).
//
//   PORT=9000 npm start     # another port
//
// The root URL redirects to /demo/, so the address wds prints opens the demo article.

const port = Number.parseInt(process.env.PORT ?? '', 10) || 8000;
const hostname = process.env.HOST || '127.0.0.1';

/** @type {import('@web/dev-server').DevServerConfig} */
export default {
  rootDir: '.',
  hostname,
  port,
  open: false,
  nodeResolve: true,
  watch: false,
  middleware: [
    function demoIndex(ctx, next) {
      if (ctx.path === '/' || ctx.path === '/demo') {
        ctx.redirect('/demo/');
        return undefined;
      }
      return next();
    },
  ],
  plugins: [
    {
      name: 'parley-demo-urls',
      serverStart({config, logger}) {
        const base = `http://${config.hostname}:${config.port}`;
        logger.log(`Parley demo: ${base}/demo/  (script tag: ${base}/demo/embed.html)`);
      },
    },
  ],
};
