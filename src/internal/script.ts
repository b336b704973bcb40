import type * as Local from '../adapters/local.js';

/**
 * The URL of the file running now: the `src` of `document.currentScript` for a classic
 * script; for a module, which has none, the first script tag whose `src` matches `file`.
 * Read it while the file's top level runs: `currentScript` is null afterwards.
 */
export function scriptUrl(file: RegExp): string {
  const current = document.currentScript;
  return (
    (current instanceof HTMLScriptElement && current.src) ||
    [...document.scripts].find((s) => file.test(s.src))?.src ||
    location.href
  );
}

/** Imports dist/parley-local.js from beside the script at `base`. */
export function localBeside(base: string): () => Promise<typeof Local> {
  return () => import(new URL('parley-local.js', base).href);
}
