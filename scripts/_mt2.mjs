import {readFileSync} from 'node:fs';
import {minify} from 'terser';
import {brotliCompressSync, constants} from 'node:zlib';
const code = readFileSync('dist/parley-widget.js','utf8');
const br = (c) => brotliCompressSync(c,{params:{[constants.BROTLI_PARAM_QUALITY]:11, [constants.BROTLI_PARAM_LGWIN]:24}}).length;
const br0 = (c) => brotliCompressSync(c,{params:{[constants.BROTLI_PARAM_QUALITY]:11}}).length;
console.log('base', br0(code), 'lgwin24', br(code));
const opts = {
  p3: {compress:{passes:3,pure_getters:true,unsafe_arrows:true,keep_fargs:false,inline:1}},
  unsafe: {compress:{passes:3,pure_getters:true,unsafe_arrows:true,keep_fargs:false,inline:1,unsafe:true,unsafe_methods:true,unsafe_comps:true,unsafe_math:true,unsafe_symbols:true,unsafe_regexp:true,unsafe_undefined:true}},
  inline3: {compress:{passes:3,pure_getters:true,unsafe_arrows:true,keep_fargs:false,inline:3}},
};
for (const [k,o] of Object.entries(opts)) { const r = await minify(code,{module:true,ecma:2022,...o}); console.log(k, r.code.length, br0(r.code)); }
