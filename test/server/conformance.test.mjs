// The REST contract v1 conformance suite (test/conformance) against freshly started
// reference backends: SQLite always, PostgreSQL when PARLEY_TEST_PG_URL is set.
import {randomUUID} from 'node:crypto';
import {after} from 'node:test';
import pg from 'pg';
import {defineConformance} from '../conformance/suite.mjs';
import {startBackend} from './spawn.mjs';

// The suite posts a lot from one address: no rate limits here (http.test.mjs tests them).
const unlimited = {RATE_LIMIT_POSTS: '0', RATE_LIMIT_READS: '0'};

const sqlite = await startBackend({env: unlimited});
after(() => sqlite.stop());
defineConformance(sqlite.api);

const PG_URL = process.env.PARLEY_TEST_PG_URL;
if (PG_URL) {
  const schema = `parley_conf_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const postgres = await startBackend({env: {...unlimited, DATABASE_URL: PG_URL, PG_SCHEMA: schema}});
  after(async () => {
    await postgres.stop();
    const admin = new pg.Client({connectionString: PG_URL});
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  defineConformance(postgres.api);
}
