// The examples use the repo's own package as an npm user would: examples/node_modules/parley-comments
// is a symlink to the repo root, so `import 'parley-comments/define.js'` and
// `import type {CustomElements} from 'parley-comments/jsx'` go through package.json "exports"
// to dist/ and types/. `npm ci --prefix examples` removes node_modules, so build.mjs and
// typecheck.mjs call this each time. It needs `npm run build` (dist/) to have run.
import {existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const examplesDir = dirname(fileURLToPath(import.meta.url));
export const repoDir = dirname(examplesDir);
export const examples = ['react', 'vue', 'svelte', 'html'];

export function linkPackage() {
  if (!existsSync(join(examplesDir, 'node_modules'))) {
    throw new Error('examples/node_modules is missing: run `npm ci --prefix examples` first.');
  }
  if (!existsSync(join(repoDir, 'dist', 'define.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first.');
  }
  const link = join(examplesDir, 'node_modules', 'parley-comments');
  const target = join('..', '..');
  let stat = null;
  try {
    stat = lstatSync(link);
  } catch {}
  if (stat?.isSymbolicLink() && readlinkSync(link) === target) return;
  if (stat) rmSync(link, {recursive: true, force: true});
  mkdirSync(dirname(link), {recursive: true});
  symlinkSync(target, link, 'dir');
}
