// The REST contract v1 conformance suite (src/conformance) against fresh servers listening
// on 127.0.0.1: SQLite always, PostgreSQL when PARLEY_TEST_PG_URL is set.
import {randomUUID} from 'node:crypto';
import {after} from 'node:test';
import pg from 'pg';
import {defineConformance} from '../src/conformance/suite.js';
import {quietLog} from '../src/log.js';
import {startServer} from '../src/server.js';
import {testConfig} from './helpers.js';

const sqlite = await startServer(testConfig({PORT: '0', DATA_DIR: ':memory:'}), {log: quietLog});
after(() => sqlite.close());
defineConformance(`${sqlite.url}/api/v1`);

const PG_URL = process.env.PARLEY_TEST_PG_URL;
if (PG_URL) {
  const schema = `parley_conf_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const postgres = await startServer(testConfig({PORT: '0', DATABASE_URL: PG_URL, PG_SCHEMA: schema}), {log: quietLog});
  after(async () => {
    await postgres.close();
    const admin = new pg.Client({connectionString: PG_URL});
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  defineConformance(`${postgres.url}/api/v1`);
}
