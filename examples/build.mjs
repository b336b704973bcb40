// Builds every example with Vite's JS API into examples/<name>/dist.
// Needs `npm ci --prefix examples` and `npm run build` (the widget's dist/) first.
//   node examples/build.mjs [react|vue|svelte|html …]
import {join} from 'node:path';
import {build} from 'vite';
import vue from '@vitejs/plugin-vue';
import {svelte} from '@sveltejs/vite-plugin-svelte';
import {examples, examplesDir, linkPackage} from './link.mjs';

const frameworkConfig = {
  // No @vitejs/plugin-react: a build needs only the JSX transform, which Vite's esbuild
  // does. The plugin adds Fast Refresh for the dev server (its v5 works with Vite 7, v6
  // needs Vite 8).
  react: {esbuild: {jsx: 'automatic', jsxImportSource: 'react'}},
  vue: {
    plugins: [vue({template: {compilerOptions: {isCustomElement: (tag) => tag.startsWith('parley-')}}})],
  },
  svelte: {plugins: [svelte()]},
  html: {},
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !examples.includes(n));
if (unknown.length) {
  console.error(`unknown example: ${unknown.join(', ')} (have ${examples.join(', ')})`);
  process.exit(2);
}
linkPackage();
for (const name of names.length ? names : examples) {
  const started = performance.now();
  await build({
    configFile: false,
    root: join(examplesDir, name),
    base: './',
    logLevel: 'warn',
    ...frameworkConfig[name],
    build: {outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false},
  });
  console.log(`built examples/${name}/dist in ${Math.round(performance.now() - started)} ms`);
}
