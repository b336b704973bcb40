// Prints what each shipped file and each npm entry costs, and fails when dist/parley.js
// is over its budget. Usage: node scripts/size.mjs (after npm run build)
import {readFileSync, readdirSync} from 'node:fs';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import {rollup} from 'rollup';
import {minify} from 'terser';
import {external} from '../rollup.config.mjs';

// What a reader's browser loads before the first comments paint: the script tag's file and
// the elements it imports, Lit included. At most 16 kB brotli (issue #4) and 20 kB gzip
// (issue #2); the aim is 12 kB. The form (parley-form.js) follows without being waited for.
const FIRST_LOAD = ['dist/parley.js', 'dist/parley-widget.js'];
const BUDGET = {gzip: 20 * 1024, brotli: 16 * 1024, aim: 12 * 1024};
// Each catalogue but English (built in) is fetched on first use, one per page: a page pays for one.
const CATALOGUES = readdirSync('dist')
  .filter((f) => /^parley-lang-.+\.js$/.test(f))
  .map((f) => `dist/${f}`);
const SCRIPTS = [...FIRST_LOAD, 'dist/parley-form.js', 'dist/parley-local.js', 'dist/parley-count.js', ...CATALOGUES];
// What an app pays for importing one entry of the npm package and nothing else.
const ENTRIES = [
  'dist/define.js',
  'dist/components/comments/comments.js',
  'dist/components/thread/thread.js',
  'dist/components/form/form.js',
  'dist/components/comment/comment.js',
  'dist/components/count/count.js',
  'dist/adapters/rest.js',
  'dist/adapters/local.js',
  'dist/adapters/memory.js',
  'dist/rules/count.js',
];

const gzip = (code) => gzipSync(code, {level: 9}).length;
const brotli = (code) => brotliCompressSync(code, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
const kB = (n) => `${(n / 1024).toFixed(2)} kB`;

/** The entry with everything it imports, minified; the npm build's externals (Lit, idb-keyval) left out unless `withLit`. */
async function bundle(input, withLit) {
  const build = await rollup({
    input,
    // A page loads one catalogue, on first use: not counted with the entry.
    external: (id, ...rest) => /i18n\/catalogues\/(?!en\.)/.test(id) || (!withLit && external(id, ...rest)),
    plugins: [nodeResolve()],
    onwarn: () => {},
  });
  const {output} = await build.generate({format: 'es', inlineDynamicImports: true});
  await build.close();
  return (await minify(output[0].code, {module: true, ecma: 2022})).code;
}

console.log('script tags'.padEnd(40), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10));
const rows = SCRIPTS.map((file) => {
  const raw = readFileSync(file);
  const row = {file, raw: raw.length, gzip: gzip(raw), brotli: brotli(raw)};
  console.log(file.padEnd(40), kB(row.raw).padStart(10), kB(row.gzip).padStart(10), kB(row.brotli).padStart(10));
  return row;
});

console.log('\nnpm entry, imported alone'.padEnd(41), 'brotli'.padStart(10), '+ lit'.padStart(10));
for (const file of ENTRIES) {
  const own = brotli(await bundle(file, false));
  const all = brotli(await bundle(file, true));
  console.log(file.padEnd(40), kB(own).padStart(10), kB(all).padStart(10));
}
console.log('(with every Parley module it imports, minified; "+ lit" adds lit, @lit/context and idb-keyval;');
console.log(' define.js counts the local adapter, which a bundler splits off and loads only when used;');
console.log(' catalogues other than English are left out: a page loads the one of its language, on first use)\n');

const first = rows.filter((r) => FIRST_LOAD.includes(r.file));
const sum = (key) => first.reduce((n, r) => n + r[key], 0);
const [gz, br] = [sum('gzip'), sum('brotli')];
const what = `first load (${FIRST_LOAD.join(' + ')})`;
console.log(`${what}: ${kB(gz)} gzip, ${kB(br)} brotli; aim ${kB(BUDGET.aim)} brotli: ${br <= BUDGET.aim ? 'met' : 'not met'}`);
const over = [];
if (gz > BUDGET.gzip) over.push(`gzip ${kB(gz)} > ${kB(BUDGET.gzip)}`);
if (br > BUDGET.brotli) over.push(`brotli ${kB(br)} > ${kB(BUDGET.brotli)}`);
if (over.length) {
  console.error(`The ${what} is over budget: ${over.join(', ')}`);
  process.exit(1);
}
console.log(`The first load is within budget (gzip ≤ ${kB(BUDGET.gzip)}, brotli ≤ ${kB(BUDGET.brotli)}).`);
