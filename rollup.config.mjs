import {literalsHtmlCssMinifier} from '@literals/rollup-plugin-html-css-minifier';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import {idiomaticDecoratorsTransformer} from '@lit/ts-transformers';
import {fileURLToPath} from 'node:url';

// Lit's decorators compiled to plain `static properties` and queries: no decorator
// helpers at run time, smaller output, the same behaviour.
const transformers = {before: [{type: 'program', factory: idiomaticDecoratorsTransformer}]};

// Dependencies of the npm build, left for the user's bundler to resolve and share.
export const external = (id) => /^(lit|@lit\/[^/]+|idb-keyval|parley-contract)(\/|$)/.test(id);

export default [
  // npm build: one ES module per source file with its .d.ts.
  {
    input: [
      'src/index.ts',
      'src/define.ts',
      'src/rules/count.ts',
      'src/adapters/rest.ts',
      'src/adapters/local.ts',
      'src/adapters/memory.ts',
    ],
    external,
    plugins: [
      typescript({tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, transformers}),
      literalsHtmlCssMinifier(),
    ],
    output: {dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src'},
  },
  // Script tags: the comment section's tag, which mounts the section and imports...
  {
    input: 'src/embed/parley.ts',
    plugins: scriptPlugins(),
    output: {file: 'dist/parley.js', format: 'iife', inlineDynamicImports: true, sourcemap: !!process.env.SOURCEMAP},
  },
  // ...its elements, with Lit, and the form in a chunk of its own...
  {
    input: {'parley-widget': 'src/embed/widget.ts'},
    plugins: scriptPlugins(),
    output: {
      dir: 'dist',
      format: 'es',
      // Catalogues other than English are dist/parley-lang-de.js and so on, fetched on first use.
      // The draft store with IndexedDB, which the reader's secrets share: one file, fetched
      // when the form restores its draft (modules without dependencies of their own, so
      // nothing else is pulled in).
      manualChunks: (id) =>
        /\/(src\/drafts\/draft-store|src\/internal\/idb)\.ts$|\/node_modules\/idb-keyval\//.test(id.replace(/\\/g, '/'))
          ? 'draft-store'
          : undefined,
      chunkFileNames: (chunk) =>
        /\/i18n\/catalogues\//.test(chunk.facadeModuleId ?? '') ? 'parley-lang-[name].js' : 'parley-[name].js',
      sourcemap: !!process.env.SOURCEMAP,
    },
  },
  // ...the counters for article lists...
  {
    input: 'src/embed/count.ts',
    plugins: [cataloguesBeside(), ...scriptPlugins()],
    output: {file: 'dist/parley-count.js', format: 'iife', inlineDynamicImports: true, sourcemap: !!process.env.SOURCEMAP},
  },
  // ...and the local adapter, a module imported by either when a widget uses it.
  {
    input: 'src/adapters/local.ts',
    plugins: scriptPlugins(),
    output: {file: 'dist/parley-local.js', format: 'es', inlineDynamicImports: true, sourcemap: !!process.env.SOURCEMAP},
  },
];

/**
 * dist/parley-count.js is one classic script: it takes the catalogues from beside it (the
 * widget build's dist/parley-lang-*.js) instead of bundling all of them.
 */
function cataloguesBeside() {
  const beside = fileURLToPath(new URL('src/embed/catalogues-beside.ts', import.meta.url));
  return {
    name: 'parley-catalogues-beside',
    resolveId: (source, importer) =>
      source === './catalogues/index.js' && importer?.endsWith('/src/i18n/locale.ts') ? beside : null,
  };
}

/**
 * Everything bundled and minified, for files loaded straight from a page. Two passes and
 * simple inlining came out about 30 B (brotli) smaller on parley.js than terser's defaults.
 */
function scriptPlugins() {
  return [
    nodeResolve(),
    typescript({tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', transformers}),
    literalsHtmlCssMinifier({failOnError: true}),
    terser({
      ecma: 2022,
      module: true,
      format: {comments: false},
      compress: {passes: 2, pure_getters: true, unsafe_arrows: true, keep_fargs: false, inline: 1},
    }),
  ];
}
