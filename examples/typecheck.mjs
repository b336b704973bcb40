// Type-checks the examples and the generated framework declarations (types/*.d.ts) against
// the real React, Preact, Solid and Vue typings, with skipLibCheck off. The files in
// examples/types/ also hold @ts-expect-error / @vue-expect-error lines, which fail the
// check if the declarations stop catching a wrong attribute or event handler.
// Needs `npm ci --prefix examples` and `npm run build` (dist/*.d.ts).
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {examplesDir, linkPackage} from './link.mjs';

const bin = (name) => join(examplesDir, 'node_modules', '.bin', name);
const checks = [
  ['TSX: React example, React, Preact and Solid type tests', 'tsc', 'types/tsconfig.json'],
  ['Vue: Vue example templates and Vue type tests', 'vue-tsc', 'types/tsconfig.vue.json'],
];

linkPackage();
let failed = 0;
for (const [label, tool, project] of checks) {
  const started = performance.now();
  const run = spawnSync(bin(tool), ['-p', join(examplesDir, project)], {cwd: examplesDir, encoding: 'utf8'});
  const ms = Math.round(performance.now() - started);
  if (run.status === 0) {
    console.log(`types ok   ${label} (${tool} -p examples/${project}, ${ms} ms)`);
  } else {
    failed++;
    console.log(`types FAIL ${label} (${tool} -p examples/${project})\n${run.stdout}${run.stderr}`);
  }
}
if (failed) {
  console.log(`${failed} type check(s) failed`);
  process.exit(1);
}
