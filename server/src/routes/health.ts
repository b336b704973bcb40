import {Hono} from 'hono';
import type {AppEnv, Deps} from '../env.js';

/** `GET /healthz`, outside the API's base path: for load balancers and supervisors. */
export function healthRoutes({storage}: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ok: true, storage: storage.kind, schemaVersion: storage.schemaVersion}));
  return app;
}
