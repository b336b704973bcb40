// What cookies reach a backend: a recorder in front of the reference backend, for the
// browser tests of what the widget sends. It answers every CORS question yes (the page's
// origin, with credentials), as the most permissive backend would, so a cookie the
// browser is allowed to send is sent, and recorded; then the request goes on, without
// its cookies, to the reference backend, and the answer comes back as it comes.
//
//   {base}/{probe}/api/v1/…   recorded, then proxied (streams included: the `events` route)
//   {base}/{probe}/log        what was recorded for {probe}: [{method, path, cookie}]
//
// It is served twice: on a second origin of its own (127.0.0.1 on another port: another
// origin, the same site, so the page's cookies apply to it) and on the test server's
// origin under /api/record; GET /api/record/origin names the second origin.
import {createServer, request} from 'node:http';

const PROBE = /^\/([\w-]+)(\/.*)$/;

/** @param {{upstream: string}} options  origin of the running reference backend */
export async function cookieRecorder({upstream}) {
  /** probe → what was received: method, path and Cookie header of each request */
  const logs = new Map();
  const target = new URL(upstream);

  function handle(req, res, path) {
    const m = PROBE.exec(path);
    if (!m) return res.writeHead(404).end();
    const [, probe, rest] = m;
    const origin = req.headers.origin;
    const cors = origin
      ? {'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin'}
      : {};
    if (rest === '/log') {
      res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store', ...cors});
      return res.end(JSON.stringify(logs.get(probe) ?? []));
    }
    let log = logs.get(probe);
    if (!log) logs.set(probe, (log = []));
    log.push({method: req.method, path: rest.split('?')[0], cookie: req.headers.cookie ?? null});
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
      });
      return res.end();
    }
    const headers = {...req.headers, host: target.host};
    delete headers.cookie;
    delete headers.origin;
    const out = request({host: target.hostname, port: target.port, method: req.method, path: rest, headers}, (answer) => {
      res.writeHead(answer.statusCode, {
        ...answer.headers,
        ...cors,
        'access-control-expose-headers': 'X-Parley-Author, Retry-After',
      });
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  }

  const server = createServer((req, res) => handle(req, res, req.url));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  /** The same on the test server's origin, as a Koa middleware: /api/record/… */
  const middleware = (ctx, next) => {
    if (ctx.path === '/api/record/origin') {
      ctx.body = {url};
      return undefined;
    }
    if (!ctx.path.startsWith('/api/record/')) return next();
    ctx.respond = false;
    ctx.status = 200; // bookkeeping only: the answer is written by handle()
    return new Promise((resolve) => {
      ctx.res.on('close', resolve);
      handle(ctx.req, ctx.res, ctx.req.url.slice('/api/record'.length));
    });
  };
  return {url, middleware, close: () => server.close()};
}
