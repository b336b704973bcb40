import {css, html} from 'lit';
import type {TemplateResult} from 'lit';
import type {Comment, ReportReason, SortOrder} from '../adapters/adapter.js';
import {ParleyError, toParleyError} from '../adapters/adapter.js';
import type {ParleyStrings} from '../i18n/strings.js';
import type {ThreadStore} from '../thread-store.js';
import type {ParleyComment} from '../components/comment/comment.js';
import {FAILED, MINE, permalinkHash} from '../components/comment/comment.js';
import {laterStyles} from '../components/comment/comment.styles.js';
import type {ParleyThread} from '../components/thread/thread.js';
import {HASH} from '../components/thread/thread.js';
import {emit} from '../events.js';
// English's strings of actions come with the form's code (the reply form is a <parley-form>): one file fewer at start.
import '../components/form/form.js';
import {SORT_KEY} from './sort-choice.js';
import {reach, react, showHeld} from './discussion.js';
import {once} from './once.js';

// What readers do to comments, in a chunk of its own (dist/parley-actions.js), with the
// pieces that appear only after an action or once the chunk is here: nothing in it is
// needed to paint a thread, so it is fetched once the thread is shown.

const SORTS: SortOrder[] = ['oldest', 'newest', 'top'];

/** Styles of what this chunk shows in a thread. */
const threadStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding-block-end: 0.5rem;
  }
  select {
    font: inherit;
    color: inherit;
    background: transparent;
    margin-inline-start: 0.5rem;
    min-block-size: 2rem;
    padding-inline: 0.5rem;
    border: 1px solid var(--parley-border-strong, color-mix(in srgb, currentColor 35%, transparent));
    border-radius: var(--parley-radius, 0.5rem);
  }
  .toggle {
    margin-block: 0 0.5rem;
    margin-inline-start: calc(var(--parley-avatar-size, 2.5rem) + var(--parley-gap, 0.875rem));
    padding: 0.2rem 0.6rem;
    min-block-size: 1.75rem;
    font-size: 0.875rem;
  }
  .reply-form {
    margin-block-end: 1rem;
    margin-inline-start: calc(var(--parley-avatar-size, 2.5rem) + var(--parley-gap, 0.875rem));
  }
  .new {
    margin: 0;
  }
`;

/** Styles of what this chunk shows in comments: their buttons, the editor in place of the text, a linked comment, the link to copy by hand. */
laterStyles?.replaceSync(css`
  :host([editing]) .body,
  :host([editing]) .actions {
    display: none;
  }
  .actions button {
    min-block-size: 1.75rem;
    padding: 0.15rem 0.5rem;
    border: 0;
    border-radius: var(--parley-radius, 0.5rem);
    background: transparent;
    color: var(--parley-muted, color-mix(in srgb, currentColor 68%, transparent));
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .actions button:hover {
    background: color-mix(in srgb, currentColor 8%, transparent);
  }
  .actions [aria-pressed='true'] {
    color: var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
    text-decoration: underline;
  }
  .error {
    margin: 0.25rem 0 0;
    color: var(--parley-danger, light-dark(#b3261e, #ffb4ab));
  }
  .actions [aria-disabled='true'] {
    cursor: default;
  }
  .report {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0 0;
  }
  .report fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    flex-basis: 100%;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .report legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.25rem;
  }
  .report label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-block-size: 1.75rem;
  }
  .report button {
    min-block-size: 2rem;
    padding: 0.25rem 0.75rem;
    border-radius: var(--parley-radius, 0.5rem);
    border: 1px solid var(--parley-border-strong, color-mix(in srgb, currentColor 35%, transparent));
    background: transparent;
    color: inherit;
  }
  .manual input {
    font: inherit;
    inline-size: 100%;
    max-inline-size: 30rem;
  }
  /* The comment a link pointed to: a bar and a badge, not only a colour. */
  :host([highlighted]) article {
    border-inline-start: 4px solid var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
    padding-inline-start: 0.75rem;
    background: color-mix(in srgb, var(--parley-accent, #0b57d0) 8%, transparent);
  }
  :host(:focus-visible) {
    outline: 2px solid var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
  }
`.cssText);

/** The threads that follow the page's `#comment-` links: one listener sends them there. */
const following = new Set<ParleyThread>();
addEventListener('hashchange', () => {
  for (const thread of following) {
    if (thread.isConnected) void goToLinked(thread, location.hash);
    else following.delete(thread);
  }
});

/**
 * Takes a thread on once its first page is shown: this chunk's styles added to its shadow
 * root, once (a constructed sheet: allowed by a strict CSP), and the page's links followed.
 */
export function adopt(el: ParleyThread): void {
  following.add(el);
  const root = el.shadowRoot;
  const sheet = threadStyles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** A button of a comment's row, made once and cloned: `data-action` says what it does. */
function button(action: string, text: string, pressed?: boolean): HTMLButtonElement {
  const b = document.createElement('button');
  b.dataset.action = action;
  b.textContent = text;
  if (pressed !== undefined) b.setAttribute('aria-pressed', String(pressed));
  return b;
}

/** Rows made, by strings and kind, to clone: a few kinds per thread (their like counts differ). */
const rows = new WeakMap<ParleyStrings, Map<string, DocumentFragment>>();
/** The kind of row each comment shows. */
const shown = new WeakMap<ParleyComment, DocumentFragment>();

/**
 * Fills a comment's row of buttons — Reply, Like (with its count), Edit and Delete of the
 * reader's own, Copy link — with DOM cloned from one row made per kind: no binding per
 * button, so 2,000 comments stay light, and no render of the comment when this chunk
 * arrives; the thread hears the clicks, once for all. Called after each render of the
 * comment; a button that had focus gives it to its new self.
 */
export function fillRow(el: ParleyComment): void {
  const c = el.comment;
  const view = el.view;
  const row = el.renderRoot.querySelector('.actions');
  if (!c || !view || !row) return;
  const s = view.strings;
  const live = !c.deleted && !el.sending;
  const reply = live && view.reply;
  const like = live && view.like;
  const mine = !el.sending && !!(el.flags & MINE);
  const copied = el.copied === 'ok';
  // Report where the backend takes reports, on others' comments; once sent, it says so.
  const store = view.store;
  const report = live && !mine && !!store.features.reports && !!store.adapter.report ? (reports.get(el) ?? '') : null;
  const key = `${+reply}${like ? `${+!!c.liked}${c.likes ?? 0}` : '-'}${+mine}${+copied}${+el.sending}${report ?? '-'}`;
  let made = rows.get(s);
  if (!made) rows.set(s, (made = new Map<string, DocumentFragment>()));
  let kind = made.get(key);
  if (!kind) {
    if (made.size > 64) made.clear(); // as many kinds as like counts: bounded
    kind = document.createDocumentFragment();
    if (!el.sending) {
      if (reply) kind.append(button('reply', s.reply));
      if (like) kind.append(button('like', s.like(c.likes ?? 0), !!c.liked));
      if (mine) kind.append(button('edit', s.edit), button('delete', s.delete));
      kind.append(button('copy', copied ? s.linkCopied : s.copyLink));
      if (report === 'done') {
        const done = button('reported', s.reported);
        done.setAttribute('aria-disabled', 'true');
        kind.append(done);
      } else if (report !== null) {
        const open = button('report', s.report);
        open.setAttribute('aria-expanded', String(report !== ''));
        kind.append(open);
      }
    }
    made.set(key, kind);
  }
  if (shown.get(el) === kind) return;
  shown.set(el, kind);
  const focused = (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.action;
  row.replaceChildren(kind.cloneNode(true));
  // Our own action names, never data: safe in a selector.
  if (focused) row.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
}

/** Fills the rows of the comments a thread shows, once this chunk is here. */
export function fillRows(thread: ParleyThread): void {
  for (const el of thread.renderRoot.querySelectorAll<ParleyComment>('parley-comment')) fillRow(el);
}

/**
 * What follows a comment's row of buttons once an action ran: the link to copy by hand
 * when the clipboard refused, or why the last action on it (`failed`) failed.
 */
export function after(el: ParleyComment, c: Comment): TemplateResult | null {
  if (el.copied === 'manual') return manualLink(el.shownStrings, c.id);
  const report = reports.get(el);
  if (report === 'open' || report === 'sending') return reportForm(el, c, report === 'sending');
  const failed = el.flags & FAILED ? el.view?.store.failed : null;
  return failed ? html`<p class="error" role="alert">${el.shownStrings.actionError(failed.error.code)}</p>` : null;
}

/** Where each comment's report is: its form open, on its way, or sent (by this reader, on this page). */
const reports = new WeakMap<ParleyComment, 'open' | 'sending' | 'done'>();
/** The thread of each comment whose report form was opened, to announce the report in. */
const reportIn = new WeakMap<ParleyComment, ParleyThread>();
/** Why the last report of a comment failed. */
const reportErrors = new WeakMap<ParleyComment, string>();

const REASONS: [ReportReason, keyof ParleyStrings][] = [
  ['spam', 'reportSpam'],
  ['abuse', 'reportAbuse'],
  ['off_topic', 'reportOffTopic'],
  ['other', 'reportOther'],
];

/** The form of a report under a comment: one reason, required; Escape or Cancel close it. */
function reportForm(el: ParleyComment, c: Comment, sending: boolean): TemplateResult {
  const s = el.shownStrings;
  const error = reportErrors.get(el);
  return html`<form
    class="report"
    part="report-form"
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const reason = new FormData(e.target as HTMLFormElement).get('reason') as ReportReason | null;
      if (reason && !sending) void sendReport(el, c, reason);
    }}
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && closeReport(el, 'open')}
  >
    <fieldset>
      <legend dir="auto">${s.reportHeading}</legend>
      ${REASONS.map(
        ([reason, key]) =>
          html`<label dir="auto"><input type="radio" name="reason" value=${reason} required />${s[key] as string}</label>`
      )}
    </fieldset>
    ${error ? html`<p class="error" role="alert" dir="auto">${error}</p>` : null}
    <button type="submit" aria-disabled=${sending}>${sending ? s.sending : s.reportSend}</button>
    <button type="button" @click=${() => closeReport(el, 'open')}>${s.cancel}</button>
  </form>`;
}

/** Opens the report form under `el`, focused on its first reason. */
async function openReport(thread: ParleyThread, el: ParleyComment): Promise<void> {
  if (reports.get(el) === 'done') return;
  reportIn.set(el, thread);
  reports.set(el, 'open');
  reportErrors.delete(el);
  el.requestUpdate();
  await el.updateComplete;
  el.renderRoot.querySelector<HTMLElement>('.report input')?.focus();
}

/** Closes the report form (unless it is sending) and gives focus back to the Report button. */
async function closeReport(el: ParleyComment, from: 'open' | 'sending'): Promise<void> {
  if (reports.get(el) !== from) return;
  reports.delete(el);
  el.requestUpdate();
  await el.updateComplete;
  el.renderRoot.querySelector<HTMLElement>('.actions [data-action="report"]')?.focus();
}

/** Sends the report; a lost answer is asked again once (the backend counts one per reader). */
async function sendReport(el: ParleyComment, c: Comment, reason: ReportReason): Promise<void> {
  const store = el.view?.store;
  if (!store?.adapter.report) return;
  reports.set(el, 'sending');
  el.requestUpdate();
  const send = () => store.adapter.report!(store.thread, c.id, reason);
  try {
    await send().catch((error: unknown) => {
      const code = toParleyError(error).code;
      if (code === 'network' || code === 'timeout' || code === 'server') return send();
      throw error;
    });
    reports.set(el, 'done');
    el.requestUpdate();
    const thread = reportIn.get(el);
    if (thread) say(thread, el.shownStrings.reportDone);
    await el.updateComplete;
    el.renderRoot.querySelector<HTMLElement>('.actions [data-action="reported"]')?.focus();
  } catch (error) {
    reportErrors.set(el, el.shownStrings.actionError(toParleyError(error).code));
    reports.set(el, 'open');
    el.requestUpdate();
  }
}

/** The link of a comment to copy by hand, when the clipboard refused. */
const manualLink = (s: ParleyStrings, id: string): TemplateResult =>
  html`<label class="manual">${s.linkLabel} <input readonly .value=${permalink(id)} /></label>`;

/** Marks the comment a link pointed to, in words. */
export const linkedBadge = (s: ParleyStrings): TemplateResult => html`<span class="badge linked">${s.linkedComment}</span>`;

/** The sort control, and the button that shows live comments held back. */
export function toolbar(thread: ParleyThread, store: ThreadStore, s: ParleyStrings): TemplateResult {
  const names = {oldest: s.sortOldest, newest: s.sortNewest, top: s.sortTop};
  return html`<label
      >${s.sortLabel}
      <select part="sort" @change=${(e: Event) => sortBy(thread, (e.target as HTMLSelectElement).value as SortOrder)}>
        ${(store.features.sorts?.includes('top') ? SORTS : SORTS.slice(0, 2)).map((o) => html`<option value=${o} ?selected=${o === store.options.sort}>${names[o]}</option>`)}
      </select></label
    >
    ${
      store.held.length
        ? html`<button part="new-comments" class="new" @click=${() => showHeld(store)}>
            ${s.newComments(store.held.length)}
          </button>`
        : null
    }`;
}

/** The "Show 4 replies" / "Hide replies" button of a branch. */
export const toggle = (thread: ParleyThread, id: string, count: number, hidden: boolean): TemplateResult => {
  const s = thread.config.value!.strings;
  return html`<button
    part="toggle"
    class="toggle"
    aria-expanded=${!hidden}
    aria-controls=${`replies-${id}`}
    @click=${() => {
      if (!thread.collapsed.delete(id)) thread.collapsed.add(id);
      thread.requestUpdate();
    }}
  >
    ${hidden ? s.showReplies(count) : s.hideReplies}
  </button>`;
};

/** Focuses a button of a comment (`reply`, `edit`…), after a form it opened closes. */
async function focusAction(el: ParleyComment, name: string): Promise<void> {
  await el.updateComplete;
  el.renderRoot.querySelector<HTMLElement>(`.actions [data-action="${name}"]`)?.focus();
}

/** The reply form under comment `c`. */
export const replyForm = (thread: ParleyThread, c: Comment): TemplateResult =>
  html`<parley-form
    part="reply-form"
    class="reply-form"
    parent-id=${c.id}
    reply-to=${c.author.name}
    @parley-cancel=${() => closeReply(thread, c.id)}
    @parley-posted=${() => closeReply(thread, c.id)}
  ></parley-form>`;

/** The whole URL of a comment's permalink on this page. */
const permalink = (id: string): string => new URL(permalinkHash(id), location.href).href;

/** The edit and delete forms (dist/parley-edit.js), fetched the first time a reader uses them. */
const loadEditor = once(() =>
  import('../components/edit/edit.js').then(
    ({ParleyEdit}) => customElements.get('parley-edit') ?? customElements.define('parley-edit', ParleyEdit)
  )
);

/** Sets what a comment shows of this chunk's: the link copied or to copy, the editor. */
function set(el: ParleyComment, copied?: ParleyComment['copied'], editing?: ParleyComment['editing']): void {
  el.copied = copied;
  el.editing = editing;
  el.requestUpdate();
}

/** The thread of each comment whose editor is open: a deleted comment leaves it. */
const editing = new WeakMap<ParleyComment, ParleyThread>();

/** A comment's Copy link, Edit or Delete button. */
async function commentButton(thread: ParleyThread, el: ParleyComment, c: Comment, action: string): Promise<void> {
  const s = el.shownStrings;
  if (action === 'copy') {
    try {
      await navigator.clipboard.writeText(permalink(c.id));
      set(el, 'ok');
      say(thread, s.linkCopied);
      setTimeout(() => el.copied === 'ok' && set(el, undefined, el.editing), 4000);
    } catch {
      // Refused (no permission, no secure context): the link to copy by hand.
      set(el, 'manual');
      say(thread, s.copyLinkManually);
      await el.updateComplete;
      const field = el.renderRoot.querySelector<HTMLInputElement>('.manual input');
      field?.focus();
      field?.select();
    }
    return;
  }
  if (action !== 'edit' && action !== 'delete') return;
  try {
    await loadEditor();
  } catch (error) {
    console.warn(`Parley: the editor could not be loaded (${String(error)}).`);
    say(thread, s.actionError('network'));
    return;
  }
  editing.set(el, thread);
  set(el, el.copied, action);
  await el.updateComplete;
  el.renderRoot.querySelector<HTMLElement>('parley-edit')?.focus();
}

/** The edit form or the delete confirmation of a comment, in place of its text. */
export function editor(el: ParleyComment, c: Comment): TemplateResult {
  const thread = editing.get(el);
  return html`<parley-edit
    .comment=${c}
    mode=${el.editing}
    @parley-edit-closed=${(e: CustomEvent<{done: boolean; near: ParleyComment | null}>) =>
      thread && editorClosed(thread, el, e.detail.done, e.detail.near)}
  ></parley-edit>`;
}

/** The edit form or delete confirmation of `el` closed: after a change (`done`) or not. */
async function editorClosed(thread: ParleyThread, el: ParleyComment, done: boolean, near: ParleyComment | null): Promise<void> {
  const mode = el.editing!;
  set(el, el.copied);
  if (done) commentAction(thread, 'changed', el);
  if (!(done && mode === 'delete')) return focusAction(el, mode);
  // Deleted: its placeholder keeps focus, or, gone, the comment beside it.
  await thread.updateComplete;
  if (el.isConnected) return focusAction(el, 'copy');
  if (near?.isConnected) return focusAction(near, 'reply');
  thread.renderRoot.querySelector<HTMLElement>('select')?.focus();
}

/** The comment id a `#comment-<id>` fragment names, or null. */
export function linkedId(hash: string): string | null {
  if (!hash.startsWith(HASH)) return null;
  try {
    return decodeURIComponent(hash.slice(HASH.length)) || null;
  } catch {
    return null;
  }
}

/** Says `text` in the thread's live region (emptied first, so the same words are heard again). */
function say(thread: ParleyThread, text: string): void {
  thread.announcement = '';
  void thread.updateComplete.then(() => (thread.announcement = text));
}

/** Malformed comments were left out of a page of the thread: said once, to the console and as an event. */
export function reportLeftOut(thread: ParleyThread, fields: readonly string[]): void {
  if (!fields.length) return;
  const message = `Parley: left out ${fields.length} malformed comment(s) the server sent: ${fields.join(', ')}`;
  console.warn(message);
  emit(thread, 'parley-error', {error: new ParleyError('bad_response', message, {field: fields[0]}), action: 'load'});
}

/** The element that shows comment `id`. */
function commentEl(thread: ParleyThread, id: string): ParleyComment | null {
  for (const el of thread.renderRoot.querySelectorAll<ParleyComment>('parley-comment')) if (el.comment?.id === id) return el;
  return null;
}

/** A click in a thread's list: a comment's button's when it is one of a comment's row (`path` is its composed path). */
export function heard(thread: ParleyThread, path: EventTarget[]): void {
  const at = path.findIndex((n) => (n as Element).localName === 'parley-comment');
  const el = path[at] as ParleyComment | undefined;
  if (!el?.comment) return;
  const button = (path.slice(0, at) as HTMLElement[]).find(
    (n) => n.localName === 'button' && n.parentElement?.classList.contains('actions')
  );
  const action = button?.dataset.action;
  if (action) commentAction(thread, action, el);
}

/**
 * After each render of a thread: its one timer set again — relative times move on every
 * minute, and the edit and delete buttons go when a window closes (the timer wakes then
 * too) — and live arrivals announced.
 */
export function updated(thread: ParleyThread, store: ThreadStore): void {
  clearTimeout(thread.timer);
  thread.timer = setTimeout(() => (thread.now = Date.now()), nextWindowClose(store, 60_000));
  announceArrivals(thread, store);
}

/** How many live arrivals each thread announced. */
const announced = new WeakMap<ParleyThread, number>();

/** Milliseconds between two announcements of live arrivals. */
const ANNOUNCE_EVERY = 5000;
/** When each thread last announced arrivals, and its pending announcement. */
const announcing = new WeakMap<ParleyThread, {at: number; timer?: ReturnType<typeof setTimeout>}>();

/** Says how many comments arrived live, at most once every few seconds. */
function announceArrivals(thread: ParleyThread, store: ThreadStore): void {
  let a = announcing.get(thread);
  if (!a) announcing.set(thread, (a = {at: 0}));
  if (store.arrived === (announced.get(thread) ?? 0) || a.timer) return;
  const state = a;
  state.timer = setTimeout(
    () => {
      state.timer = undefined;
      const n = store.arrived - (announced.get(thread) ?? 0);
      announced.set(thread, store.arrived);
      state.at = Date.now();
      if (n > 0 && thread.isConnected) say(thread, thread.config.value!.strings.arrivedComments(n));
    },
    Math.max(0, state.at + ANNOUNCE_EVERY - Date.now())
  );
}

/** Milliseconds until the next edit window of the reader's comments closes, or `max`. */
function nextWindowClose(store: ThreadStore, max: number): number {
  let next = max;
  for (const {until} of store.secrets.values()) {
    const left = until - Date.now();
    if (left > 0) next = Math.min(next, left + 50);
  }
  return next;
}

/** What a comment's button (or its editor, `changed`) asked its thread for. */
function commentAction(thread: ParleyThread, action: string, el: ParleyComment): void {
  const config = thread.config.value;
  const c = el.comment;
  if (!config || !c) return;
  switch (action) {
    case 'copy':
    case 'edit':
    case 'delete':
      void commentButton(thread, el, c, action);
      break;
    case 'like':
      if (config.store.canReact) react(config.store, c.id, !c.liked);
      break;
    case 'changed': {
      const now = config.store.comments.find((x) => x.id === c.id);
      say(thread, !now || now.deleted ? config.strings.deletedNotice : config.strings.editSaved);
      break;
    }
    case 'reply':
      void openReply(thread, c.id);
      break;
    case 'report':
      if (reports.get(el) === 'open') void closeReport(el, 'open');
      else void openReport(thread, el);
      break;
  }
}

/** Opens a reply form under comment `id` (or goes back to it) and moves focus into it. */
async function openReply(thread: ParleyThread, id: string): Promise<void> {
  thread.replying.add(id);
  thread.requestUpdate();
  await thread.updateComplete;
  await customElements.whenDefined('parley-form');
  const form = [...thread.renderRoot.querySelectorAll<HTMLElement & {updateComplete: Promise<unknown>}>('parley-form')].find(
    (f) => f.getAttribute('parent-id') === id
  );
  await form?.updateComplete;
  form?.focus();
}

/** Closes the reply form under `id` (its draft stays) and focuses its Reply button again. */
export function closeReply(thread: ParleyThread, id: string): void {
  thread.replying.delete(id);
  thread.requestUpdate();
  const el = commentEl(thread, id);
  if (el) void focusAction(el, 'reply');
}

/** Remembers the reader's order for this site. Best effort. */
function rememberSort(sort: SortOrder): void {
  try {
    localStorage.setItem(SORT_KEY, sort);
  } catch {
    // Not remembered: the next visit starts with the page's order.
  }
}

/** The sort control: the thread in that order, remembered for the site. */
function sortBy(thread: ParleyThread, sort: SortOrder): void {
  const store = thread.config.value?.store;
  if (!store || sort === store.options.sort) return;
  rememberSort(sort);
  store.options.sort = sort;
  store.load().catch((error: unknown) => emit(thread, 'parley-error', {error: error as Error, action: 'load'}));
}

/** The comment each thread's last `#comment-` link points to, while it is being reached. */
const reaching = new WeakMap<ParleyThread, string>();
/** The comment each thread marked as linked. */
const highlighted = new WeakMap<ParleyThread, ParleyComment>();

/** Reaches, shows, marks and focuses the comment `hash` names; says so when it is not in the thread. */
export async function goToLinked(thread: ParleyThread, hash: string): Promise<void> {
  const id = linkedId(hash);
  const config = thread.config.value;
  if (!id || config?.store.status !== 'ready') return;
  reaching.set(thread, id);
  const found = await reach(config.store, id);
  if (reaching.get(thread) !== id) return; // another link since
  reaching.delete(thread);
  if (!found) {
    say(thread, config.strings.linkedMissing);
    return;
  }
  // Its branch open, and rendered at once rather than chunk by chunk.
  const byId = new Map(config.store.comments.map((c) => [c.id, c]));
  for (let c = byId.get(id); c?.parentId; c = byId.get(c.parentId)) thread.collapsed.delete(c.parentId);
  thread.chunks.showAll();
  await thread.updateComplete;
  const el = commentEl(thread, id);
  if (!el) return;
  const before = highlighted.get(thread);
  if (before && before !== el) {
    before.highlighted = false;
    before.removeAttribute('tabindex');
  }
  highlighted.set(thread, el);
  el.highlighted = true;
  el.tabIndex = -1; // focusable, not in the tab order
  await el.updateComplete;
  el.scrollIntoView({block: 'start'});
  el.focus({preventScroll: true});
}
