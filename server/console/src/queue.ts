import type {AdminBulkRequest, AdminComment, AdminQueueComment, AdminReports, ReportReason} from 'parley-contract';
import {LitElement, css, html, nothing} from 'lit';
import type {PropertyValues, TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import type {ConsoleApi, QueueName} from './api.js';
import {emit, failed} from './events.js';
import {selectAll} from './parts.js';
import {articleUrl, formatTime} from './format.js';
import {listStyles, sharedStyles} from './styles.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Whether a key press belongs to a field the moderator is typing in. */
const typing = (e: KeyboardEvent) => {
  const target = e.composedPath()[0];
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
};

/** The actions of the keys a, d, r and u. */
const ACTION_KEYS = {a: 'approve', d: 'delete', r: 'reject', u: 'restore'} as const satisfies Record<
  string,
  AdminBulkRequest['action']
>;

const REASONS: Record<ReportReason, string> = {spam: 'spam', abuse: 'abuse', off_topic: 'off topic', other: 'other'};

/** The queues where approving and rejecting apply. */
const DECIDING: readonly QueueName[] = ['pending', 'reported'];

/** `set` with `id` added, or taken out when it was in. */
function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
/**
 * @summary A moderation queue: pending or published comments, filtered, searched, sorted,
 * acted on one by one or in bulk, with the mouse or the keyboard (j/k, x, a, d, o).
 * @tag parley-console-queue
 * @fires parley-console-message - What an action did.
 * @fires parley-console-counts - The queues' counts, after each load.
 * @fires parley-console-signed-out - The session ended.
 */
export class ParleyConsoleQueue extends LitElement {
  static override styles = [
    sharedStyles,
    listStyles,
    css`
      :host {
        display: block;
      }
      form.filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
        margin-bottom: 0.75rem;
      }
      form.filters label {
        display: flex;
        flex-direction: column;
        font-size: 0.85rem;
        color: var(--muted);
        gap: 0.15rem;
      }
      form.filters input {
        width: 14rem;
        max-width: 100%;
      }
      .bulk {
        position: sticky;
        top: 0;
        z-index: 1;
      }
      .thread-state {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        margin-bottom: 0.75rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--line);
        border-radius: 8px;
        background: var(--bg);
      }
      li + li {
        border-top: 1px solid var(--line);
      }
      article {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 0.75rem;
        padding: 0.75rem;
        border-left: 4px solid transparent;
      }
      article:focus-visible {
        outline-offset: -3px;
      }
      article.current {
        border-left-color: var(--accent);
      }
      article.selected {
        background: var(--selected);
      }
      article > input {
        margin-top: 0.3rem;
        width: 1.1rem;
        height: 1.1rem;
        min-height: 0;
      }
      .main {
        min-width: 0;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.6rem;
        font-size: 0.9rem;
        align-items: baseline;
      }
      .meta .name {
        font-weight: 600;
        font-size: 1rem;
      }
      .thread {
        overflow-wrap: anywhere;
        font-size: 0.9rem;
      }
      a {
        color: var(--accent);
      }
      .body {
        margin: 0.35rem 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      article:not(.open) .body {
        display: -webkit-box;
        -webkit-line-clamp: 4;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .parent {
        margin: 0.35rem 0;
        padding: 0.25rem 0.6rem;
        border-left: 3px solid var(--line);
        color: var(--muted);
        font-size: 0.9rem;
      }
      .parent p {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      article:not(.open) .parent p {
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .tag {
        padding: 0 0.45rem;
        border-radius: 999px;
        border: 1px solid var(--danger);
        color: var(--danger);
        font-size: 0.8rem;
      }
      .reports {
        margin: 0.35rem 0 0.6rem;
        padding: 0.35rem 0.6rem;
        border-left: 3px solid var(--danger);
        background: var(--bg-soft);
        font-size: 0.9rem;
      }
      .reports ul {
        margin: 0.25rem 0 0;
        padding-left: 1.2rem;
      }
      .reports li + li {
        border: 0;
      }
      dialog fieldset {
        border: 1px solid var(--line);
        border-radius: 8px;
        margin: 0.5rem 0 0;
        display: grid;
        gap: 0.5rem;
      }
      dialog .choice {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.5rem;
        align-items: start;
      }
      dialog .choice input {
        margin-top: 0.2rem;
        min-height: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      dl.details {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.1rem 0.75rem;
        font-size: 0.85rem;
        margin: 0.35rem 0 0.6rem;
      }
      dl.details dt {
        color: var(--muted);
      }
      dl.details dd {
        margin: 0;
        overflow-wrap: anywhere;
        font-family: ui-monospace, monospace;
      }
      dialog {
        border: 1px solid var(--line);
        border-radius: 10px;
        background: var(--bg);
        color: var(--fg);
        max-width: min(28rem, calc(100vw - 2rem));
        padding: 1.25rem;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      dialog h2 {
        margin: 0 0 0.5rem;
        font-size: 1.15rem;
      }
      dialog .actions {
        justify-content: flex-end;
        margin-top: 1rem;
      }
      @media (max-width: 600px) {
        form.filters input,
        form.filters select {
          width: 100%;
        }
        form.filters label {
          flex: 1 1 100%;
        }
        form.filters label.order {
          flex: 1 1 auto;
        }
        article {
          padding: 0.6rem 0.5rem;
        }
      }
    `,
  ];

  /** The admin API client (the shell's). */
  @property({attribute: false}) api!: ConsoleApi;
  /** Which queue. */
  @property() status: QueueName = 'pending';
  /** Origin of the publisher's site, for links to articles whose thread id is a path. */
  @property() site = location.origin;

  @state() private comments: AdminQueueComment[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private selected = new Set<string>();
  @state() private current = 0;
  @state() private opened = new Set<string>();
  @state() private busy = false;
  @state() private confirmText = '';
  /** The comments whose authors the ban dialog is about. */
  @state() private banning: AdminQueueComment[] = [];
  @state() private sort: 'oldest' | 'newest' = 'oldest';
  @state() private thread = '';
  @state() private search = '';
  /** With a thread filter: whether that thread is closed (null: no filter). */
  @state() private threadClosed: boolean | null = null;

  @query('dialog.confirm') private dialog!: HTMLDialogElement;
  @query('dialog.ban') private banDialog!: HTMLDialogElement;

  private confirmed: ((yes: boolean) => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.handleKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.handleKey);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('status')) {
      this.selected = new Set();
      this.opened = new Set();
      this.current = 0;
      void this.load();
    }
  }

  /** Reads the first page again (after an action, or a change of filter). */
  async load(focus = false): Promise<void> {
    this.loading = true;
    try {
      const page = await this.api.queue({status: this.status, sort: this.sort, thread: this.thread, q: this.search});
      this.comments = page.comments;
      this.nextCursor = page.nextCursor;
      this.threadClosed = page.threadClosed ?? null;
      const ids = new Set(page.comments.map((c) => c.id));
      this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
      this.current = Math.min(this.current, Math.max(0, page.comments.length - 1));
      emit(this, 'parley-console-counts', {counts: page.counts});
    } catch (error) {
      failed(this, error);
    } finally {
      this.loading = false;
    }
    if (focus) {
      await this.updateComplete;
      this.focusRow(this.current);
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    this.loading = true;
    try {
      const page = await this.api.queue({
        status: this.status,
        sort: this.sort,
        thread: this.thread,
        q: this.search,
        cursor: this.nextCursor,
      });
      this.comments = [...this.comments, ...page.comments];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      failed(this, error);
    } finally {
      this.loading = false;
    }
  }

  /** The comments an action applies to: the selected ones, else the current one. */
  private targets(): AdminQueueComment[] {
    if (this.selected.size) return this.comments.filter((c) => this.selected.has(c.id));
    const c = this.comments[this.current];
    return c ? [c] : [];
  }

  private async act(action: AdminBulkRequest['action'], comments: AdminQueueComment[]): Promise<void> {
    if (!comments.length || this.busy) return;
    if ((action === 'approve' || action === 'reject') && !DECIDING.includes(this.status)) return;
    if (action === 'restore' && this.status !== 'rejected') return;
    if (action === 'delete') {
      const what = comments.length === 1 ? `the comment by ${comments[0]!.author.name}` : plural(comments.length, 'comment');
      if (
        !(await this.confirm(
          `Delete ${what} and every reply to ${comments.length === 1 ? 'it' : 'them'}? This cannot be undone.`
        ))
      )
        return;
    }
    this.busy = true;
    try {
      const {results} = await this.api.bulk(
        action,
        comments.map((c) => c.id)
      );
      const done = results.filter((r) => ['approved', 'deleted', 'rejected', 'restored', 'banned'].includes(r.outcome));
      const waiting = results.filter((r) => r.outcome === 'parent_pending').length;
      const gone = results.filter((r) => r.outcome === 'not_found').length;
      const replies = results.reduce((n, r) => n + Math.max(0, (r.deleted ?? 1) - 1), 0);
      const verb = {
        approve: this.status === 'reported' ? 'Kept' : 'Approved',
        reject: 'Rejected',
        restore: 'Restored',
        delete: 'Deleted',
        ban: 'Banned the authors of',
        shadow_ban: 'Shadow-banned the authors of',
      }[action];
      let text = `${verb} ${plural(done.length, 'comment')}${replies && action === 'delete' ? ` and ${plural(replies, 'reply', 'replies')}` : ''}.`;
      if (action === 'approve' && this.status === 'reported') text += ' They stay published; their reports are cleared.';
      if (action === 'ban') text += ' Their new comments are refused.';
      if (action === 'shadow_ban') text += ' Their comments are shown to themselves only.';
      if (action === 'reject') text += ' They stay in the rejected queue, hidden from readers.';
      if (waiting) text += ` ${plural(waiting, 'reply', 'replies')} wait for a parent that is not approved yet.`;
      if (gone) text += ` ${plural(gone, 'comment')} had already gone.`;
      const moved = results.filter((r) => r.outcome === 'not_pending').length;
      if (moved) text += ` ${plural(moved, 'comment')} had been moderated meanwhile.`;
      emit(this, 'parley-console-message', {text, tone: waiting ? 'error' : 'ok'});
      this.selected = new Set();
      await this.load(true);
    } catch (error) {
      failed(this, error);
    } finally {
      this.busy = false;
    }
  }

  private async setClosed(close: boolean): Promise<void> {
    if (!this.thread || this.busy) return;
    this.busy = true;
    try {
      await this.api.setClosed(this.thread, close);
      this.threadClosed = close;
      emit(this, 'parley-console-message', {
        text: close
          ? 'Comments on this thread are closed: readers see them, and cannot add any.'
          : 'Comments on this thread are open again.',
        tone: 'ok',
      });
    } catch (error) {
      failed(this, error);
    } finally {
      this.busy = false;
    }
  }

  /** Opens the ban dialog for the authors of `comments`. */
  private askBan(comments: AdminQueueComment[]): void {
    if (!comments.length || this.busy) return;
    this.banning = comments;
    void this.updateComplete.then(() => {
      this.banDialog.showModal();
      this.banDialog.querySelector<HTMLInputElement>('input[value="ban"]')?.focus();
    });
  }

  private handleBan(e: SubmitEvent): void {
    e.preventDefault();
    const shadow = new FormData(e.currentTarget as HTMLFormElement).get('kind') === 'shadow';
    const comments = this.banning;
    this.closeBan();
    void this.act(shadow ? 'shadow_ban' : 'ban', comments);
  }

  private closeBan(): void {
    this.banning = [];
    if (this.banDialog.open) this.banDialog.close();
    this.focusRow(this.current);
  }

  private renderBanDialog() {
    const [first] = this.banning;
    const who =
      this.banning.length === 1 && first ? first.author.name : `the authors of ${plural(this.banning.length, 'comment')}`;
    return html`<dialog class="ban" aria-labelledby="ban-title" @cancel=${() => this.closeBan()}>
      <form @submit=${(e: SubmitEvent) => this.handleBan(e)}>
        <h2 id="ban-title">Ban ${who}?</h2>
        <p>By e-mail address and by the reader token of their browser. Unban them on the Banned screen.</p>
        <fieldset>
          <legend>How</legend>
          <label class="choice"
            ><input type="radio" name="kind" value="ban" checked />
            <span><strong>Ban</strong>: their new comments are refused. What they posted stays.</span></label
          >
          <label class="choice"
            ><input type="radio" name="kind" value="shadow" />
            <span
              ><strong>Shadow-ban</strong>: their comments, old and new, look published to them and are hidden from everyone
              else.</span
            ></label
          >
        </fieldset>
        <div class="actions">
          <button type="button" @click=${() => this.closeBan()}>Cancel</button>
          <button type="submit" class="danger">Ban</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderReports(r: AdminReports | undefined): TemplateResult | typeof nothing {
    if (!r) return nothing;
    const reasons = (Object.entries(r.reasons) as [ReportReason, number][]).filter(([, n]) => n > 0);
    return html`<div class="reports">
      <strong>Reported by ${plural(r.count, 'reader')}</strong>:
      ${reasons.map(([reason, n], i) => html`${i ? ', ' : ''}${REASONS[reason]} ×${n}`)}
      ${
        r.notes.length
          ? html`<ul>
              ${r.notes.map((note) => html`<li>${note}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private renderThreadState() {
    if (this.threadClosed === null) return nothing;
    return html`<div class="thread-state" role="group" aria-label="This thread">
      <span>${this.threadClosed ? 'Comments on this thread are closed.' : 'This thread is open for comments.'}</span>
      <button ?disabled=${this.busy} @click=${() => void this.setClosed(!this.threadClosed)}>
        ${this.threadClosed ? 'Reopen comments' : 'Close comments'}
      </button>
    </div>`;
  }

  private confirm(text: string): Promise<boolean> {
    this.confirmText = text;
    return new Promise((resolve) => {
      this.confirmed = resolve;
      void this.updateComplete.then(() => {
        this.dialog.showModal();
        this.dialog.querySelector<HTMLButtonElement>('button.danger')?.focus();
      });
    });
  }

  private answer(yes: boolean): void {
    const resolve = this.confirmed;
    this.confirmed = null;
    if (this.dialog.open) this.dialog.close();
    resolve?.(yes);
    if (!yes) this.focusRow(this.current);
  }

  private focusRow(index: number): void {
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('article');
    const row = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (!row) return;
    this.current = Number(row.dataset.index);
    row.focus();
  }

  private toggleSelected(id: string): void {
    this.selected = toggled(this.selected, id);
  }

  private toggleOpen(id: string): void {
    this.opened = toggled(this.opened, id);
  }

  private readonly handleKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e) || this.dialog.open || this.banDialog.open) return;
    const c = this.comments[this.current];
    switch (e.key) {
      case 'j':
        this.focusRow(this.current + 1);
        break;
      case 'k':
        this.focusRow(this.current - 1);
        break;
      case 'x':
        if (c) this.toggleSelected(c.id);
        break;
      case 'a':
      case 'd':
      case 'r':
      case 'u':
        void this.act(ACTION_KEYS[e.key], this.targets());
        break;
      case 'b':
        this.askBan(this.targets());
        break;
      case 'o':
        if (c) this.toggleOpen(c.id);
        break;
      case '/':
        this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  private readonly filter = (e: Event): void => {
    e.preventDefault();
    const form = e.currentTarget instanceof HTMLFormElement ? e.currentTarget : (e.target as HTMLElement).closest('form')!;
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    this.thread = text('thread');
    this.search = text('q');
    this.sort = data.get('sort') === 'newest' ? 'newest' : 'oldest';
    this.current = 0;
    void this.load();
  };

  private renderParent(parent: AdminComment | null | undefined): TemplateResult | typeof nothing {
    if (parent === undefined) return nothing;
    if (parent === null) return html`<div class="parent">In reply to a comment that has been deleted.</div>`;
    return html`<div class="parent">
      <span>In reply to <strong>${parent.author.name}</strong> (${parent.status}):</span>
      <p>${parent.body}</p>
    </div>`;
  }

  private renderThread(thread: string): TemplateResult {
    const url = articleUrl(thread, this.site);
    return url
      ? html`<a class="thread" href=${url} target="_blank" rel="noopener noreferrer nofollow">${thread}</a>`
      : html`<span class="thread">${thread}</span>`;
  }

  private renderRow(c: AdminQueueComment, i: number): TemplateResult {
    const open = this.opened.has(c.id);
    const selected = this.selected.has(c.id);
    const heading = `c-${i}`;
    return html`<li>
      <article
        data-index=${i}
        tabindex=${i === this.current ? 0 : -1}
        class=${[i === this.current ? 'current' : '', selected ? 'selected' : '', open ? 'open' : ''].join(' ')}
        aria-labelledby=${heading}
        @focus=${() => (this.current = i)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && e.target === e.currentTarget) {
            e.preventDefault();
            this.toggleOpen(c.id);
          }
        }}
      >
        <input
          type="checkbox"
          .checked=${selected}
          aria-label=${`Select the comment by ${c.author.name}`}
          @change=${() => this.toggleSelected(c.id)}
        />
        <div class="main">
          <div class="meta">
            <span class="name" id=${heading}>${c.author.name}</span>
            ${c.author.email ? html`<span class="muted">${c.author.email}</span>` : html`<span class="muted">no e-mail</span>`}
            <time class="muted" datetime=${c.createdAt}>${formatTime(c.createdAt)}</time>
            ${c.shadowBanned ? html`<span class="tag">shadow-banned</span>` : nothing}
            ${c.hidden ? html`<span class="tag">hidden from readers</span>` : nothing}
          </div>
          <div>${this.renderThread(c.threadId)}</div>
          ${this.renderParent(c.parent)}
          <p class="body">${c.body}</p>
          ${this.renderReports(c.reports)}
          ${
            open
              ? html`<dl class="details">
                  <dt>Comment</dt>
                  <dd>${c.id}</dd>
                  <dt>Status</dt>
                  <dd>${c.status}</dd>
                  <dt>Thread</dt>
                  <dd>${c.threadId}</dd>
                  ${
                    c.parentId
                      ? html`<dt>Replies to</dt>
                          <dd>${c.parentId}</dd>`
                      : nothing
                  }
                </dl>`
              : nothing
          }
          <div class="actions">
            ${
              DECIDING.includes(this.status)
                ? html`<button class="primary" ?disabled=${this.busy} @click=${() => void this.act('approve', [c])}>
                      ${this.status === 'reported' ? 'Keep published' : 'Approve'}
                    </button>
                    <button ?disabled=${this.busy} @click=${() => void this.act('reject', [c])}>Reject</button>`
                : nothing
            }
            ${
              this.status === 'rejected'
                ? html`<button ?disabled=${this.busy} @click=${() => void this.act('restore', [c])}>Restore</button>`
                : nothing
            }
            <button class="danger" ?disabled=${this.busy} @click=${() => void this.act('delete', [c])}>Delete</button>
            <button ?disabled=${this.busy} @click=${() => this.askBan([c])}>Ban author…</button>
            <button aria-expanded=${open} @click=${() => this.toggleOpen(c.id)}>${open ? 'Close' : 'Open'}</button>
          </div>
        </div>
      </article>
    </li>`;
  }

  override render() {
    const all = this.comments.length > 0 && this.comments.every((c) => this.selected.has(c.id));
    const label = `${this.status[0]!.toUpperCase()}${this.status.slice(1)} comments`;
    return html`
      <form class="filters" role="search" aria-label="Filter the queue" @submit=${this.filter} @change=${this.filter}>
        <label>Thread <input name="thread" .value=${this.thread} placeholder="every thread" /></label>
        <label
          >Search <input id="search" name="q" type="search" .value=${this.search} placeholder="text, name or e-mail"
        /></label>
        <label class="order"
          >Order
          <select name="sort">
            <option value="oldest" ?selected=${this.sort === 'oldest'}>Oldest first</option>
            <option value="newest" ?selected=${this.sort === 'newest'}>Newest first</option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      ${this.renderThreadState()}
      <div class="bulk" role="group" aria-label="Selected comments">
        ${selectAll(all, !this.comments.length, this.selected.size, () => {
          this.selected = all ? new Set() : new Set(this.comments.map((c) => c.id));
        })}
        ${
          DECIDING.includes(this.status)
            ? html`<button
                class="primary"
                ?disabled=${!this.selected.size || this.busy}
                @click=${() => void this.act('approve', this.targets())}
              >
                ${this.status === 'reported' ? 'Keep selected' : 'Approve selected'}
              </button>`
            : nothing
        }
        ${
          DECIDING.includes(this.status)
            ? html`<button ?disabled=${!this.selected.size || this.busy} @click=${() => void this.act('reject', this.targets())}>
                Reject selected
              </button>`
            : nothing
        }
        ${
          this.status === 'rejected'
            ? html`<button ?disabled=${!this.selected.size || this.busy} @click=${() => void this.act('restore', this.targets())}>
                Restore selected
              </button>`
            : nothing
        }
        <button
          class="danger"
          ?disabled=${!this.selected.size || this.busy}
          @click=${() => void this.act('delete', this.targets())}
        >
          Delete selected
        </button>
        <button ?disabled=${!this.selected.size || this.busy} @click=${() => this.askBan(this.targets())}>Ban authors…</button>
        <button @click=${() => void this.load()} ?disabled=${this.loading}>Refresh</button>
      </div>
      <ol aria-label=${label} aria-busy=${this.loading}>
        ${this.comments.map((c, i) => this.renderRow(c, i))}
        ${
          !this.comments.length && !this.loading
            ? html`<li class="empty muted">
                ${
                  this.thread || this.search
                    ? 'No comment matches.'
                    : this.status === 'pending'
                      ? 'Nothing waits for moderation.'
                      : this.status === 'reported'
                        ? 'No reported comments.'
                        : this.status === 'rejected'
                          ? 'No rejected comments.'
                          : 'No comments.'
                }
              </li>`
            : nothing
        }
      </ol>
      ${
        this.nextCursor
          ? html`<div class="more">
              <button @click=${() => void this.loadMore()} ?disabled=${this.loading}>Load more</button>
            </div>`
          : nothing
      }
      ${this.renderBanDialog()}
      <dialog class="confirm" aria-labelledby="confirm-title" @cancel=${() => this.answer(false)}>
        <h2 id="confirm-title">Delete?</h2>
        <p>${this.confirmText}</p>
        <div class="actions">
          <button @click=${() => this.answer(false)}>Cancel</button>
          <button class="danger" @click=${() => this.answer(true)}>Delete</button>
        </div>
      </dialog>
    `;
  }
}
