import type {Comment} from '../adapters/adapter.js';
import {ParleyError, toParleyError} from '../adapters/adapter.js';
import type {ThreadStore} from '../thread-store.js';
import {createSecretStore} from './secrets.js';
import type {SecretStore} from './secrets.js';
import {leftOut, parseComment} from './validate.js';
import {MAX_PAGE_SIZE} from 'parley-contract';

// What a thread store does for the contract's later features — likes, edits and
// deletions of the reader's own comments, their secrets, and reaching a linked comment —
// in a chunk of its own, fetched only where a backend offers them.

/** What `react` sends and knows of one comment's like. */
interface Reaction {
  want: boolean;
  confirmed: {likes: number; liked: boolean};
  running: boolean;
}

let secrets: SecretStore | undefined;
/** Likes on their way, by store and comment id. */
const reactions = new WeakMap<ThreadStore, Map<string, Reaction>>();
const secretStore = () => (secrets ??= createSecretStore());

/** Errors worth trying again at once: the request may not have arrived, or its answer was lost. */
const retryable = (e: ParleyError) => e.code === 'network' || e.code === 'timeout' || e.code === 'server';

/**
 * Fetches the page after the store's last and appends the comments it does not show yet;
 * resolves to the fields at fault of the malformed comments left out. What else loading
 * more does (its state, its error) is the store's {@link ThreadStore.loadMore}.
 */
export async function appendPage(store: ThreadStore, limit: number, signal?: AbortSignal): Promise<readonly string[]> {
  const page = await store.fetchPage(store.nextCursor!, Math.min(MAX_PAGE_SIZE, limit), signal);
  if (signal?.aborted) return [];
  if (page.features) store.features = page.features;
  const known = new Set(store.comments.map((c) => c.id));
  store.comments = [...store.comments, ...page.comments.filter((c) => !known.has(c.id))];
  store.total = page.total;
  store.nextCursor = page.nextCursor;
  return leftOut(page)!;
}

/** Reads the secrets of the reader's comments of this thread. */
export async function loadSecrets(store: ThreadStore): Promise<void> {
  if (store.options.keepSecrets === false || !store.features.editWindow) return;
  for (const [id, kept] of await secretStore().all(store.thread)) store.secrets.set(id, kept);
  store.changed();
}

/** Keeps the secret of the reader's new comment, for as long as the backend lets them change it. */
export async function keepSecret(store: ThreadStore, c: Comment, secret: string): Promise<void> {
  const kept = {secret, until: Date.parse(c.createdAt) + store.features.editWindow! * 1000};
  store.secrets.set(c.id, kept);
  store.changed();
  if (store.options.keepSecrets !== false) await secretStore().put(store.thread, c.id, kept);
}

/**
 * Opens the thread's live stream, once per store, after event `from` (its first page's
 * `lastEventId`): comments published while the page was read and this code was fetched
 * come first. Those the page already has are kept once, by id.
 */
export function startLive(store: ThreadStore, from?: string): void {
  store.stopLive ??= store.adapter.subscribe?.(
    store.thread,
    (c) => arrive(store, c),
    (state) => {
      store.livePaused = state === 'paused';
      store.changed();
    },
    from
  );
}

/** A comment from the live stream: a new top-level one above what the reader reads (sort `newest`) is held back. */
export function arrive(store: ThreadStore, comment: Comment): void {
  const known = store.comments.some((c) => c.id === comment.id) || store.held.some((c) => c.id === comment.id);
  if (!known && !comment.deleted) {
    store.arrived += 1;
    if (store.options.holdLive && comment.parentId === null && store.options.sort === 'newest') {
      store.held = [comment, ...store.held];
      store.changed();
      return;
    }
  }
  store.add(comment);
}

/** Replaces the shown version of `comment`; a deleted one without replies goes, with replies its placeholder stays. */
export function replace(store: ThreadStore, comment: Comment): boolean {
  const at = store.comments.findIndex((c) => c.id === comment.id);
  // The stream's versions say how many like it, not whether this reader does: that stays.
  if (comment.likes !== undefined && comment.liked === undefined) comment = {...comment, liked: !!store.comments[at].liked};
  const next = [...store.comments];
  if (comment.deleted && !store.comments.some((c) => c.parentId === comment.id)) next.splice(at, 1);
  else next[at] = comment;
  if (comment.deleted && !store.comments[at].deleted) store.total = Math.max(0, store.total - 1);
  store.comments = next;
  return true;
}

/** Shows the live comments held back. */
export function showHeld(store: ThreadStore): void {
  const held = store.held;
  store.held = [];
  for (const c of [...held].reverse()) store.insert(c);
  store.changed();
}

/**
 * Likes or unlikes `id` as the reader: shown at once, sent in the background. Taps while
 * a call is on its way are folded into one more call with the last wish; a lost answer is
 * retried (the call is idempotent), and after the retries the comment shows what the
 * backend last said.
 */
export function react(store: ThreadStore, id: string, like: boolean): void {
  const c = store.comments.find((x) => x.id === id);
  if (!c || c.deleted) return;
  let mine = reactions.get(store);
  if (!mine) reactions.set(store, (mine = new Map<string, Reaction>()));
  let r = mine.get(id);
  if (!r) mine.set(id, (r = {want: like, confirmed: {likes: c.likes ?? 0, liked: !!c.liked}, running: false}));
  r.want = like;
  if (store.failed?.id === id) store.failed = null;
  store.add({...c, liked: like, likes: Math.max(0, (c.likes ?? 0) + (like === !!c.liked ? 0 : like ? 1 : -1))});
  if (!r.running) {
    r.running = true;
    void sendReaction(store, id, r);
  }
}

/** Sends the last wish of `r` until the backend has it; see {@link react}. */
async function sendReaction(store: ThreadStore, id: string, r: Reaction): Promise<void> {
  let attempt = 0;
  for (;;) {
    const want = r.want;
    try {
      const state = await store.adapter.react!(store.thread, id, want);
      if (!Number.isInteger(state.likes) || state.likes < 0 || typeof state.liked !== 'boolean') {
        throw new ParleyError('bad_response', 'The server sent an unexpected response (reaction).');
      }
      r.confirmed = {likes: state.likes, liked: state.liked};
      attempt = 0;
      if (r.want === want) break;
    } catch (e) {
      const error = toParleyError(e);
      if (retryable(error) && attempt < 3) {
        await new Promise((done) => setTimeout(done, 500 * 2 ** attempt++));
        continue;
      }
      store.failed = {id, error};
      break;
    }
  }
  reactions.get(store)?.delete(id);
  const c = store.comments.find((x) => x.id === id);
  if (c) store.add({...c, liked: r.confirmed.liked, likes: r.confirmed.likes});
  else store.changed();
}

function secretOf(store: ThreadStore, id: string): string {
  const kept = store.secrets.get(id);
  if (!kept) throw new ParleyError('forbidden', 'This browser cannot change that comment.');
  return kept.secret;
}

/** Replaces the text of the reader's own comment. */
export async function editOwn(store: ThreadStore, id: string, body: string): Promise<void> {
  const comment = await store.adapter.edit!(store.thread, id, body, {secret: secretOf(store, id)});
  store.add(parseComment(comment));
}

/** Deletes the reader's own comment: a placeholder stays where it has replies. */
export async function removeOwn(store: ThreadStore, id: string): Promise<void> {
  let placeholder: Comment | null;
  try {
    const answer = await store.adapter.remove!(store.thread, id, {secret: secretOf(store, id)});
    placeholder = answer && parseComment(answer);
  } catch (e) {
    const error = toParleyError(e);
    if (error.code !== 'not_found' && error.code !== 'gone') throw error;
    placeholder = null; // deleted already
  }
  store.secrets.delete(id);
  void secretStore().delete(store.thread, id);
  const old = store.comments.find((c) => c.id === id);
  if (old) store.add(placeholder ?? {...old, body: '', author: {name: '', avatarUrl: null}, deleted: true});
}

/**
 * Loads pages until comment `id` is among them: with the backend's `locate`, as far as
 * its branch in pages as large as useful; else page after page. Resolves to false when
 * the thread does not have it (any more).
 */
export async function reach(store: ThreadStore, id: string): Promise<boolean> {
  const has = () => store.comments.some((c) => c.id === id);
  if (has()) return true;
  let before: number | undefined;
  if (store.features.locate && store.adapter.locate) {
    try {
      const at = await store.adapter.locate(store.thread, id, {sort: store.options.sort});
      if (!at) return false;
      if (Number.isInteger(at.before) && at.before >= 0) before = at.before;
    } catch {
      // Locating failed: page through instead.
    }
  }
  const size = store.options.pageSize;
  while (!has() && store.nextCursor && store.status === 'ready') {
    const roots = store.comments.filter((c) => c.parentId === null).length;
    // Up to its branch in as few pages as the backend allows.
    const limit = before === undefined ? size : Math.max(size, before + 1 - roots);
    const cursor = store.nextCursor;
    try {
      await store.loadMore(limit);
    } catch {
      return has();
    }
    if (store.nextCursor === cursor) await new Promise((r) => setTimeout(r, 50)); // another load under way
  }
  return has();
}
