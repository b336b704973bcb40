import type {AdminCounts, AdminSession} from 'parley-contract';
import type {ParleyConsoleQueue} from './queue.js';
import {LitElement, css, html, nothing} from 'lit';
import {query, state} from 'lit/decorators.js';
import {ConsoleApi, ConsoleError} from './api.js';
import type {QueueName} from './api.js';
import {formatTime} from './format.js';
import {sharedStyles} from './styles.js';

type Tab = QueueName | 'bans' | 'audit';
const TABS: {id: Tab; label: string; key: string}[] = [
  {id: 'pending', label: 'Pending', key: '1'},
  {id: 'reported', label: 'Reported', key: '2'},
  {id: 'published', label: 'Published', key: '3'},
  {id: 'rejected', label: 'Rejected', key: '4'},
  {id: 'bans', label: 'Banned', key: '5'},
  {id: 'audit', label: 'Audit log', key: '6'},
];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const isQueue = (tab: Tab): tab is QueueName => tab !== 'bans' && tab !== 'audit';

const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;

/**
 * @summary The publisher's console: signs in with the admin token, then shows the queues
 * and the audit log, with keyboard shortcuts documented on the page.
 * @tag parley-console
 */
export class ParleyConsole extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        color: var(--fg);
        min-height: 100vh;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.6rem 1rem;
        border-bottom: 1px solid var(--line);
        background: var(--bg);
      }
      h1 {
        font-size: 1.15rem;
        margin: 0;
        margin-right: auto;
      }
      nav {
        display: flex;
        gap: 0.25rem;
        flex-wrap: wrap;
      }
      nav button[aria-current='page'] {
        background: var(--selected);
        border-color: var(--accent);
        font-weight: 600;
      }
      .badge {
        display: inline-block;
        min-width: 1.5rem;
        padding: 0 0.35rem;
        margin-left: 0.3rem;
        border-radius: 999px;
        background: var(--bg-soft);
        border: 1px solid var(--line);
        font-size: 0.8rem;
        text-align: center;
      }
      .who {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-size: 0.85rem;
      }
      main {
        max-width: 64rem;
        margin: 0 auto;
        padding: 1rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 0 0 0.75rem;
      }
      .status {
        margin: 0 0 0.75rem;
      }
      .status:empty,
      .arrivals:empty {
        margin: 0;
      }
      .arrivals {
        margin: 0 0 0.75rem;
        font-weight: 600;
      }
      .status.ok {
        color: var(--ok);
      }
      .status.error {
        color: var(--danger);
      }
      form.sign-in {
        max-width: 24rem;
        margin: 12vh auto 0;
        padding: 1.5rem;
        border: 1px solid var(--line);
        border-radius: 10px;
        background: var(--bg);
        display: grid;
        gap: 0.75rem;
      }
      form.sign-in h1 {
        margin: 0;
      }
      form.sign-in label {
        display: grid;
        gap: 0.25rem;
      }
      .alert {
        color: var(--danger);
        margin: 0;
      }
      footer {
        max-width: 64rem;
        margin: 1rem auto 2rem;
        padding: 0 1rem;
        font-size: 0.9rem;
      }
      footer h2 {
        font-size: 0.95rem;
      }
      footer dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr));
        gap: 0.35rem 1.5rem;
        margin: 0;
      }
      footer dl div {
        display: grid;
        grid-template-columns: 6.5rem 1fr;
        gap: 0.5rem;
      }
      footer dt {
        white-space: nowrap;
      }
      footer dd {
        margin: 0;
      }
      @media (max-width: 600px) {
        header {
          padding: 0.5rem;
        }
        nav {
          order: 3;
          flex-basis: 100%;
        }
        main {
          padding: 0.75rem 0.5rem;
        }
        footer {
          padding: 0 0.5rem;
        }
        .who .until {
          display: none;
        }
      }
    `,
  ];

  private readonly api = new ConsoleApi(meta('parley-api') ?? '/api/v1');
  private readonly site = meta('parley-site') ?? location.origin;

  @state() private phase: 'loading' | 'signed-out' | 'signed-in' = 'loading';
  @state() private session: AdminSession | null = null;
  @state() private tab: Tab = 'pending';
  @state() private counts: AdminCounts | null = null;
  @state() private message: {text: string; tone: 'ok' | 'error'} | null = null;
  @state() private signInError = '';
  @state() private signingIn = false;
  /** What the live counts brought, said politely ("2 new pending comments"). */
  @state() private arrivals = '';

  @query('parley-console-queue') private queue!: ParleyConsoleQueue | null;

  /** The live counts' stream while signed in. */
  private events: EventSource | null = null;
  /** The pending and reported counts it last said. */
  private live: {pending: number; reported: number} | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('parley-console-message', (e) => (this.message = e.detail));
    this.addEventListener('parley-console-counts', (e) => (this.counts = e.detail.counts));
    this.addEventListener('parley-console-signed-out', (e) => this.signedOut(e.detail.message));
    document.addEventListener('keydown', this.handleKey);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.handleKey);
    this.stopLive();
  }

  protected override updated(): void {
    if (this.phase === 'signed-in' && !this.events) this.startLive();
    if (this.phase !== 'signed-in') this.stopLive();
  }

  /** Listens to the live counts: new pending and reported comments appear without a reload. */
  private startLive(): void {
    if (typeof EventSource === 'undefined') return;
    const events = new EventSource(this.api.eventsUrl);
    this.events = events;
    events.addEventListener('counts', (e) => {
      let next: {pending: number; reported: number};
      try {
        next = JSON.parse((e as MessageEvent<string>).data) as typeof next;
      } catch {
        return;
      }
      if (typeof next.pending !== 'number' || typeof next.reported !== 'number') return;
      const before = this.live;
      this.live = next;
      if (!before) return;
      const pending = next.pending - before.pending;
      const reported = next.reported - before.reported;
      const news = [
        pending > 0 ? plural(pending, 'new pending comment') : '',
        reported > 0 ? plural(reported, 'newly reported comment') : '',
      ].filter(Boolean);
      if (!news.length) return;
      this.arrivals = `${news.join(' and ')}.`;
      // The queue on screen reads them, and the counts of its filter with them; elsewhere the badges take the new counts.
      if (this.queue) void this.queue.load();
      else if (this.counts) this.counts = {...this.counts, pending: next.pending, reported: next.reported};
    });
    // 401 (the session ended) closes the stream for good; a dropped connection reconnects by itself.
    events.addEventListener('error', () => {
      if (events.readyState === EventSource.CLOSED && this.events === events) this.events = null;
    });
  }

  private stopLive(): void {
    this.events?.close();
    this.events = null;
    this.live = null;
  }

  private async start(): Promise<void> {
    try {
      this.session = await this.api.session();
      this.phase = this.session ? 'signed-in' : 'signed-out';
    } catch (error) {
      this.phase = 'signed-out';
      this.signInError = (error as Error).message;
    }
  }

  private signedOut(message: string): void {
    this.session = null;
    this.counts = null;
    this.arrivals = '';
    this.phase = 'signed-out';
    this.signInError = message;
  }

  private async handleSignIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = new FormData(form).get('token');
    const token = typeof value === 'string' ? value : '';
    if (!token) {
      this.signInError = 'Enter the admin token (the server’s ADMIN_TOKEN).';
      return;
    }
    this.signingIn = true;
    this.signInError = '';
    try {
      this.session = await this.api.signIn(token);
      form.reset();
      this.message = null;
      this.tab = 'pending';
      this.phase = 'signed-in';
    } catch (error) {
      this.signInError =
        error instanceof ConsoleError && error.status === 429 && error.retryAfter
          ? `Too many wrong tokens from here: try again in ${error.retryAfter} seconds.`
          : (error as Error).message;
    } finally {
      this.signingIn = false;
    }
  }

  private async handleSignOut(): Promise<void> {
    try {
      await this.api.signOut();
      this.signedOut('Signed out.');
    } catch (error) {
      if (error instanceof ConsoleError && error.status === 401) this.signedOut('Signed out.');
      else this.message = {text: (error as Error).message, tone: 'error'};
    }
  }

  private readonly handleKey = (e: KeyboardEvent) => {
    if (this.phase !== 'signed-in' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)
      return;
    const tab = TABS.find((t) => t.key === e.key);
    if (!tab) return;
    e.preventDefault();
    this.select(tab.id);
  };

  private select(tab: Tab): void {
    this.tab = tab;
    this.message = null;
    this.arrivals = '';
  }

  private renderSignIn() {
    return html`<main>
      <form class="sign-in" @submit=${(e: SubmitEvent) => void this.handleSignIn(e)}>
        <h1>Parley console</h1>
        <label
          >Admin token
          <input name="token" type="password" autocomplete="current-password" required aria-describedby="sign-in-error" />
        </label>
        <p id="sign-in-error" class="alert" role=${this.signInError ? 'alert' : nothing}>${this.signInError}</p>
        <button class="primary" type="submit" ?disabled=${this.signingIn}>Sign in</button>
      </form>
    </main>`;
  }

  private renderKeys() {
    const keys: [string, string][] = [
      ['j / k', 'next / previous comment'],
      ['x', 'select the comment'],
      ['a', 'approve (the selected, else this one)'],
      ['r', 'reject: keep, hidden'],
      ['u', 'restore a rejected comment'],
      ['d', 'delete, after confirming'],
      ['b', 'ban the author, shadow or not'],
      ['o / Enter', 'open or close the comment'],
      ['/', 'search'],
      ['1 / 2 / 3', 'pending, reported, published'],
      ['4 / 5 / 6', 'rejected, banned, audit log'],
    ];
    return html`<footer aria-labelledby="keys">
      <h2 id="keys">Keyboard</h2>
      <dl>
        ${keys.map(
          ([k, what]) =>
            html`<div>
              <dt>${k.split(' ').map((part) => (part === '/' && k !== '/' ? ' / ' : html`<kbd>${part}</kbd>`))}</dt>
              <dd>${what}</dd>
            </div>`
        )}
      </dl>
    </footer>`;
  }

  override render() {
    if (this.phase === 'loading') return html`<main><p class="muted">Loading…</p></main>`;
    if (this.phase === 'signed-out' || !this.session) return this.renderSignIn();
    const current = TABS.find((t) => t.id === this.tab)!;
    return html`
      <header>
        <h1>Parley console</h1>
        <nav aria-label="Queues">
          ${TABS.map(
            (t) =>
              html`<button aria-current=${t.id === this.tab ? 'page' : 'false'} @click=${() => this.select(t.id)}>
                ${t.label}${isQueue(t.id) && this.counts ? html`<span class="badge">${this.counts[t.id]}</span>` : nothing}
              </button>`
          )}
        </nav>
        <div class="who">
          <span class="until muted">Signed in until ${formatTime(this.session.expiresAt)}</span>
          <button @click=${() => void this.handleSignOut()}>Sign out</button>
        </div>
      </header>
      <main>
        <h2>${isQueue(current.id) ? `${current.label} comments` : current.id === 'bans' ? 'Banned authors' : 'Audit log'}</h2>
        <p class="status ${this.message?.tone ?? ''}" role="status">${this.message?.text ?? ''}</p>
        <p class="arrivals" role="status">${this.arrivals}</p>
        ${
          this.tab === 'audit'
            ? html`<parley-console-audit .api=${this.api}></parley-console-audit>`
            : this.tab === 'bans'
              ? html`<parley-console-bans .api=${this.api}></parley-console-bans>`
              : html`<parley-console-queue .api=${this.api} .site=${this.site} status=${this.tab}></parley-console-queue>`
        }
      </main>
      ${this.renderKeys()}
    `;
  }
}
