// The catalogues that ship with Parley besides English, each loaded on first use: a chunk
// of its own in a bundle (dist/parley-lang-de.js …). dist/parley-count.js, one classic
// script, gets src/embed/catalogues-beside.ts instead (rollup.config.mjs), which loads the
// same files from beside the script.
import type {Catalogue} from '../catalogue.js';

/** Loads a catalogue. */
export type CatalogueLoader = () => Promise<{default: Partial<Catalogue>}>;

export const builtIn: Record<string, CatalogueLoader> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  hi: () => import('./hi.js'),
  ar: () => import('./ar.js'),
  ja: () => import('./ja.js'),
  'zh-CN': () => import('./zh-CN.js'),
};
