// src/i18n/catalogues/index.ts for dist/parley-count.js (see rollup.config.mjs): a classic
// script cannot have chunks, so it imports the widget build's catalogue files
// (dist/parley-lang-de.js …) from the folder it was loaded from.
import type {CatalogueLoader} from '../i18n/catalogues/index.js';
import {scriptUrl} from '../internal/script.js';

const base = scriptUrl(/\/parley-count(\.min)?\.js([?#]|$)/);

/** The tags of the catalogues beside the script, as in src/i18n/catalogues/index.ts. */
export const BESIDE = ['es', 'fr', 'de', 'hi', 'ar', 'ja', 'zh-CN'];

export const builtIn: Record<string, CatalogueLoader> = Object.fromEntries(
  BESIDE.map((tag) => [tag, () => import(new URL(`parley-lang-${tag}.js`, base).href) as ReturnType<CatalogueLoader>])
);
