import type {DraftKey, DraftText} from './draft-store.js';
import {uuid} from '../internal/id.js';

/**
 * The synchronous side of the drafts: what a tab typed and IndexedDB has not confirmed
 * yet, in localStorage. IndexedDB writes are asynchronous, and one started while a page
 * unloads (a reload, a navigation, a closed tab) may never commit; a localStorage write
 * happens before the keystroke's handler returns. An entry lives from the keystroke until
 * IndexedDB has the text, so the journal stays small: one entry per tab and draft, each
 * bounded in size, and entries older than a week are dropped.
 */
export interface JournalEntry extends DraftText {
  /** The page that typed it: a new id per page load; the tab keeps the last one (sessionStorage). */
  tab: string;
  /** The draft revision that tab had last read or written: tells whether anyone wrote since. */
  base?: string;
}

const PREFIX = 'parley:unsaved:';
/** Longer texts are left to IndexedDB alone: localStorage is small and shared with the page. */
const MAX_CHARS = 100_000;
const MAX_AGE = 7 * 24 * 3600_000;

let page: {id: string; before: string | null} | undefined;

/**
 * This page's id, and the id of the page this tab showed before (a reload, a navigation
 * back). Each page writes under an id of its own, so pages never overwrite each other's
 * entries, even in a duplicated tab, whose sessionStorage is a copy.
 */
function pageIds(): {id: string; before: string | null} {
  if (page) return page;
  page = {id: uuid(), before: null};
  try {
    page.before = sessionStorage.getItem('parley:page');
    sessionStorage.setItem('parley:page', page.id);
  } catch {
    // No sessionStorage: this page's entries read as another tab's after a reload.
  }
  return page;
}

/** The id this page writes its entries under. */
export const tabId = (): string => pageIds().id;

/** True for an entry of this page, or of the page this tab showed before it. */
export const ownEntry = (entry: JournalEntry): boolean => entry.tab === pageIds().id || entry.tab === pageIds().before;

const prefixOf = (key: DraftKey) => `${PREFIX}${JSON.stringify(key)}:`;

/** Writes this tab's unsaved text of `key`, at once. Best effort: storage may refuse. */
export function journal(key: DraftKey, entry: Omit<JournalEntry, 'tab'>): void {
  if (entry.body.length + entry.name.length > MAX_CHARS) return;
  try {
    localStorage.setItem(prefixOf(key) + tabId(), JSON.stringify({...entry, tab: tabId()}));
  } catch {
    // Full or refused: IndexedDB still gets the text a moment later.
  }
}

/** Forgets what `tab` (this one by default) had not saved of `key`. */
export function forget(key: DraftKey, from = tabId()): void {
  try {
    localStorage.removeItem(prefixOf(key) + from);
  } catch {
    // Nothing to do: a stale entry is ignored once IndexedDB has newer text.
  }
}

/** The unsaved texts of `key`, every tab's, newest first; drops entries too old to matter. */
export function unsaved(key: DraftKey): JournalEntry[] {
  const entries: JournalEntry[] = [];
  try {
    const prefix = prefixOf(key);
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const name = localStorage.key(i);
      if (!name?.startsWith(PREFIX)) continue;
      const entry = parse(localStorage.getItem(name));
      if (!entry || Date.now() - entry.updatedAt > MAX_AGE) localStorage.removeItem(name);
      else if (name.startsWith(prefix)) entries.push(entry);
    }
  } catch {
    return [];
  }
  return entries.sort((a, b) => b.updatedAt - a.updatedAt);
}

function parse(raw: string | null): JournalEntry | null {
  try {
    const e = JSON.parse(raw ?? '') as Partial<JournalEntry> | null;
    return typeof e?.body === 'string' &&
      typeof e.name === 'string' &&
      typeof e.tab === 'string' &&
      typeof e.updatedAt === 'number'
      ? (e as JournalEntry)
      : null;
  } catch {
    return null;
  }
}
