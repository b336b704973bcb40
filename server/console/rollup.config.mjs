// The publisher's console: its own entry and bundle (Lit inside), built into
// ../dist/admin/ and served by parley-server at /admin. Nothing here reaches the readers'
// scripts (the widget's rollup.config.mjs never imports it).
import {readFileSync} from 'node:fs';
import {literalsHtmlCssMinifier} from '@literals/rollup-plugin-html-css-minifier';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import {idiomaticDecoratorsTransformer} from '@lit/ts-transformers';

const here = (path) => new URL(path, import.meta.url);

/** Copies the page's style sheet beside the script. */
const pageStyles = () => ({
  name: 'console-css',
  generateBundle() {
    this.emitFile({type: 'asset', fileName: 'console.css', source: readFileSync(here('./console.css'), 'utf8')});
  },
});

export default {
  input: here('./src/index.ts').pathname,
  plugins: [
    nodeResolve(),
    typescript({
      tsconfig: here('./tsconfig.json').pathname,
      noEmit: false,
      outDir: here('../dist/admin').pathname,
      transformers: {before: [{type: 'program', factory: idiomaticDecoratorsTransformer}]},
    }),
    literalsHtmlCssMinifier({failOnError: true}),
    terser({ecma: 2022, module: true, format: {comments: false}}),
    pageStyles(),
  ],
  output: {file: here('../dist/admin/console.js').pathname, format: 'es'},
};
