import {readFileSync} from 'node:fs';
import {minify} from 'terser';
import {brotliCompressSync, constants} from 'node:zlib';
const code = readFileSync('dist/parley-widget.js','utf8');
const names = process.argv.slice(2);
const br = (c) => brotliCompressSync(c,{params:{[constants.BROTLI_PARAM_QUALITY]:11}}).length;
const r = await minify(code,{module:true,ecma:2022,compress:false,mangle:{properties:{regex:new RegExp(`^(${names.join('|')})$`)}}});
console.log(code.length, br(code), '->', r.code.length, br(r.code));
