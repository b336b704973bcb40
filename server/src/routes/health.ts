import {Hono} from 'hono';
import type {AppEnv, Deps} from '../env.js';

/**
 * Probes for load balancers and supervisors, outside the API's base path.
 * `/livez`: the process answers (restart it when it does not). `/readyz`: it can serve,
 * which it proves by writing to the database; 503 with the reason when it cannot (down,
 * frozen, full, read-only, locked). `/healthz` is `/readyz`.
 */
export function healthRoutes({storage, log}: Deps) {
  const app = new Hono<AppEnv>();
  const about = {storage: storage.kind, schemaVersion: storage.schemaVersion};
  app.get('/livez', (c) => c.json({ok: true}, 200, {'Cache-Control': 'no-store'}));
  for (const path of ['/readyz', '/healthz']) {
    app.get(path, async (c) => {
      try {
        await storage.ping();
        return c.json({ok: true, ...about}, 200, {'Cache-Control': 'no-store'});
      } catch (error) {
        const reason = (error as Error).message;
        log.warn(`${path}: not ready: ${reason}`);
        return c.json({ok: false, ...about, error: reason}, 503, {'Cache-Control': 'no-store', 'Retry-After': '5'});
      }
    });
  }
  return app;
}
