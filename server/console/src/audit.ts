import type {AuditEntry} from 'parley-contract';
import {LitElement, css, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import type {ConsoleApi} from './api.js';
import {PagedList} from './pages.js';
import {formatTime} from './format.js';
import {listStyles, sharedStyles} from './styles.js';

const ACTIONS: Record<string, string> = {
  'sign-in': 'signed in',
  'sign-out': 'signed out',
  approve: 'approved',
  delete: 'deleted',
  reject: 'rejected',
  restore: 'restored',
  close: 'closed comments',
  reopen: 'reopened comments',
  ban: 'banned the author',
  'shadow-ban': 'shadow-banned the author',
  unban: 'lifted a ban',
};

/**
 * @summary The audit log, newest first: who did what, when, to which comment.
 * @tag parley-console-audit
 * @fires parley-console-message - A failure to read it.
 * @fires parley-console-signed-out - The session ended.
 */
export class ParleyConsoleAudit extends LitElement {
  static override styles = [
    sharedStyles,
    listStyles,
    css`
      :host {
        display: block;
      }
      /* No bulk bar above it: a whole frame. */
      ol {
        border: 1px solid var(--line);
        border-radius: 8px;
      }
      li {
        display: grid;
        grid-template-columns: 11rem 9rem 7rem 1fr;
        gap: 0.25rem 0.75rem;
        padding: 0.55rem 0.75rem;
        align-items: baseline;
      }
      li + li {
        border-top: 1px solid var(--line);
      }
      .actor {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
      }
      .action {
        font-weight: 600;
      }
      .target {
        overflow-wrap: anywhere;
        font-size: 0.9rem;
      }
      .target code {
        font-size: 0.85rem;
      }
      @media (max-width: 760px) {
        li {
          grid-template-columns: 1fr auto;
        }
        .target {
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  /** The admin API client (the shell's). */
  @property({attribute: false}) api!: ConsoleApi;

  /** The entries, page by page. */
  private readonly list = new PagedList<AuditEntry>(this, async (cursor) => {
    const page = await this.api.audit(cursor);
    return {items: page.entries, nextCursor: page.nextCursor};
  });

  override render() {
    return html`
      <ol aria-label="Audit log, newest first" aria-busy=${this.list.loading}>
        ${this.list.items.map(
          (e) =>
            html`<li>
              <time datetime=${e.at}>${formatTime(e.at)}</time>
              <span class="actor">${e.actor}</span>
              <span class="action">${ACTIONS[e.action] ?? e.action}</span>
              <span class="target">
                ${e.commentId ? html`comment <code>${e.commentId}</code>` : nothing}
                ${e.threadId ? html` on <code>${e.threadId}</code>` : nothing}
                ${e.detail ? html`<span class="muted">${e.detail}</span>` : nothing}
              </span>
            </li>`
        )}
        ${!this.list.items.length && !this.list.loading ? html`<li class="empty muted">Nothing recorded yet.</li>` : nothing}
      </ol>
      ${
        this.list.nextCursor
          ? html`<div class="more">
              <button @click=${() => void this.list.load(this.list.nextCursor)} ?disabled=${this.list.loading}>
                Older entries
              </button>
            </div>`
          : nothing
      }
    `;
  }
}
