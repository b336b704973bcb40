#!/usr/bin/env node
// Runs the REST contract v1 conformance suite against a backend:
//
//   npm run conformance -- http://127.0.0.1:8787/api/v1
//   node test/conformance/run.mjs URL [--min-length 50] [--max-length 5000]
//
// (PARLEY_CONFORMANCE_URL works instead of the argument.) Output is node:test's; the exit
// code is non-zero when a check fails. Run the backend with its rate limits raised
// (for the reference backend: RATE_LIMIT_POSTS=0 RATE_LIMIT_READS=0), or the suite waits
// out each 429 it meets.
import {parseArgs} from 'node:util';
import {defineConformance} from './suite.mjs';

const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {'min-length': {type: 'string'}, 'max-length': {type: 'string'}},
});
const url = positionals[0] ?? process.env.PARLEY_CONFORMANCE_URL;
if (!url || !/^https?:\/\//.test(url)) {
  console.error('Usage: npm run conformance -- http://127.0.0.1:8787/api/v1   (the base URL of a REST contract v1 backend)');
  process.exit(2);
}
defineConformance(url, {
  minLength: values['min-length'] ? Number(values['min-length']) : undefined,
  maxLength: values['max-length'] ? Number(values['max-length']) : undefined,
});
