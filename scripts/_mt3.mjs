// brotli of widget with various terser options applied at rollup level is costly; instead vary on the built output
import {readFileSync} from 'node:fs';
import {minify} from 'terser';
import {brotliCompressSync, constants} from 'node:zlib';
const code = readFileSync('dist/parley-widget.js','utf8');
const br = (c) => brotliCompressSync(c,{params:{[constants.BROTLI_PARAM_QUALITY]:11}}).length;
console.log('base', br(code));
for (const [k,o] of Object.entries({
  none:{compress:false,mangle:false},
  hoist:{compress:{hoist_props:true,passes:1}},
  nosequences:{compress:{sequences:false}},
  nomangle:{mangle:false,compress:false},
  mangleTop:{compress:false,mangle:{toplevel:true}},
})) { const r = await minify(code,{module:true,ecma:2022,...o}); console.log(k, r.code.length, br(r.code)); }
