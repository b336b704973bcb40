#!/usr/bin/env node
// parley-conformance URL: runs the REST contract v1 conformance suite against any backend.
//
//   npx parley-conformance http://127.0.0.1:8787/api/v1 [--min-length 50] [--max-length 5000] [--closed-thread ID …]
//
// (PARLEY_CONFORMANCE_URL works instead of the argument.) The output is node:test's; the
// exit code is non-zero when a check fails. Run the backend with its rate limits raised
// (parley-server: RATE_LIMIT_POSTS=0 RATE_LIMIT_READS=0), or the suite waits out each 429.
import {parseArgs} from 'node:util';
import {defineConformance} from './suite.js';

const USAGE = `Usage: parley-conformance URL [--min-length N] [--max-length N] [--closed-thread ID …]

  URL                  the base URL of a REST contract v1 backend (the widget's endpoint)
  --min-length N       the backend's minimum body length (default 50)
  --max-length N       the backend's maximum body length (default 5000)
  --closed-thread ID   a thread the backend has closed (by a moderator, or by its age);
                       may be given several times. None: the closed-thread check is skipped`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'min-length': {type: 'string'},
      'max-length': {type: 'string'},
      'closed-thread': {type: 'string', multiple: true},
      help: {type: 'boolean', short: 'h'},
    },
  });
} catch (error) {
  console.error(`parley-conformance: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const {values, positionals} = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const url = positionals[0] ?? process.env.PARLEY_CONFORMANCE_URL;
const lengths = [values['min-length'], values['max-length']].map((v) => (v === undefined ? undefined : Number(v)));
if (!url || !/^https?:\/\//.test(url) || lengths.some((n) => n !== undefined && !(Number.isInteger(n) && n >= 0))) {
  console.error(USAGE);
  process.exit(2);
}
defineConformance(url, {minLength: lengths[0], maxLength: lengths[1], closedThreads: values['closed-thread'] ?? []});
