// Prints raw, gzip and brotli sizes of the shipped files, and fails when dist/parley.js
// is over its budget. Usage: node scripts/size.mjs
import {readFileSync} from 'node:fs';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

// The whole widget, Lit included: at most 20 kB gzip (issue #2). The brotli limit is a
// ratchet a little above today's size, so it only grows on purpose; the goal is 16 kB
// (issue #4) and the aim 12 kB.
const BUDGET = {file: 'dist/parley.js', gzip: 20 * 1024, brotli: 17.5 * 1024};
const files = ['dist/parley.js', 'dist/index.js', 'dist/define.js', 'dist/adapters/rest.js', 'dist/adapters/local.js', 'dist/adapters/memory.js'];

const kB = (n) => `${(n / 1024).toFixed(2)} kB`;
const rows = files.map((file) => {
  const raw = readFileSync(file);
  const gzip = gzipSync(raw, {level: 9}).length;
  const brotli = brotliCompressSync(raw, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
  return {file, raw: raw.length, gzip, brotli};
});
console.log('file'.padEnd(26), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10));
for (const r of rows) console.log(r.file.padEnd(26), kB(r.raw).padStart(10), kB(r.gzip).padStart(10), kB(r.brotli).padStart(10));
console.log('(npm entries are shown alone, without lit, @lit/* and idb-keyval; dist/parley.js includes them)\n');

const embed = rows.find((r) => r.file === BUDGET.file);
const over = [];
if (embed.gzip > BUDGET.gzip) over.push(`gzip ${kB(embed.gzip)} > ${kB(BUDGET.gzip)}`);
if (embed.brotli > BUDGET.brotli) over.push(`brotli ${kB(embed.brotli)} > ${kB(BUDGET.brotli)}`);
if (over.length) {
  console.error(`${BUDGET.file} is over budget: ${over.join(', ')}`);
  process.exit(1);
}
console.log(`${BUDGET.file} is within budget (gzip ≤ ${kB(BUDGET.gzip)}, brotli ≤ ${kB(BUDGET.brotli)}).`);
