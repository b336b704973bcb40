import type {AdminBan} from 'parley-contract';
import {LitElement, css, html, nothing} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {ConsoleApi} from './api.js';
import {emit, failed} from './events.js';
import {PagedList} from './pages.js';
import {selectAll} from './parts.js';
import {formatTime} from './format.js';
import {listStyles, sharedStyles} from './styles.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How a ban names its author: the e-mail address, or the start of the author token's hash. */
export const banTarget = (b: AdminBan) => (b.kind === 'email' ? b.value : `reader token ${b.value.slice(0, 12)}…`);

/**
 * @summary The banned authors, newest first: by e-mail or by author token, shadow or not;
 * unbanned one by one or the selected ones at once.
 * @tag parley-console-bans
 * @fires parley-console-message - What unbanning did, or a failure.
 * @fires parley-console-signed-out - The session ended.
 */
export class ParleyConsoleBans extends LitElement {
  static override styles = [
    sharedStyles,
    listStyles,
    css`
      :host {
        display: block;
      }
      li {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        gap: 0.25rem 0.75rem;
        padding: 0.6rem 0.75rem;
        align-items: center;
      }
      li + li {
        border-top: 1px solid var(--line);
      }
      li > input {
        width: 1.1rem;
        height: 1.1rem;
        min-height: 0;
      }
      .who {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .target {
        font-weight: 600;
      }
      .kind {
        display: inline-block;
        margin-left: 0.4rem;
        padding: 0 0.4rem;
        border-radius: 999px;
        border: 1px solid var(--line);
        font-size: 0.8rem;
      }
      .meta {
        font-size: 0.85rem;
      }
      @media (max-width: 600px) {
        li {
          grid-template-columns: auto minmax(0, 1fr);
          padding: 0.6rem 0.5rem;
        }
        li > button {
          grid-column: 2;
          justify-self: start;
        }
      }
    `,
  ];

  /** The admin API client (the shell's). */
  @property({attribute: false}) api!: ConsoleApi;

  @state() private busy = false;
  @state() private selected = new Set<number>();

  /** The bans, page by page; the selection keeps only those still listed. */
  private readonly list = new PagedList<AdminBan>(
    this,
    async (cursor) => {
      const page = await this.api.bans(cursor);
      return {items: page.bans, nextCursor: page.nextCursor};
    },
    (bans) => {
      const ids = new Set(bans.map((b) => b.id));
      this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
    }
  );

  private async unban(ids: number[]): Promise<void> {
    if (!ids.length || this.busy) return;
    this.busy = true;
    try {
      const {results} = await this.api.unban(ids);
      const done = results.filter((r) => r.outcome === 'unbanned').length;
      const gone = results.length - done;
      emit(this, 'parley-console-message', {
        text: `Lifted ${plural(done, 'ban')}.${gone ? ` ${plural(gone, 'ban')} had already been lifted.` : ''}`,
        tone: 'ok',
      });
      this.selected = new Set();
      await this.list.load(null);
      this.renderRoot.querySelector<HTMLElement>('li input, .bulk input')?.focus();
    } catch (error) {
      failed(this, error);
    } finally {
      this.busy = false;
    }
  }

  private toggle(id: number): void {
    const next = new Set(this.selected);
    if (!next.delete(id)) next.add(id);
    this.selected = next;
  }

  override render() {
    const all = this.list.items.length > 0 && this.list.items.every((b) => this.selected.has(b.id));
    return html`
      <div class="bulk" role="group" aria-label="Selected bans">
        ${selectAll(all, !this.list.items.length, this.selected.size, () => {
          this.selected = all ? new Set() : new Set(this.list.items.map((b) => b.id));
        })}
        <button ?disabled=${!this.selected.size || this.busy} @click=${() => void this.unban([...this.selected])}>
          Unban selected
        </button>
        <button @click=${() => void this.list.load(null)} ?disabled=${this.list.loading}>Refresh</button>
      </div>
      <ol aria-label="Banned authors, newest first" aria-busy=${this.list.loading}>
        ${this.list.items.map(
          (b) =>
            html`<li>
              <input
                type="checkbox"
                .checked=${this.selected.has(b.id)}
                aria-label=${`Select the ban of ${banTarget(b)}`}
                @change=${() => this.toggle(b.id)}
              />
              <div class="who">
                <span class="target">${banTarget(b)}</span>
                <span class="kind">${b.shadow ? 'shadow-banned' : 'banned'}</span>
                <div class="meta muted">
                  ${b.name ? `as ${b.name} · ` : ''}by ${b.actor},
                  <time datetime=${b.createdAt}>${formatTime(b.createdAt)}</time>
                </div>
              </div>
              <button ?disabled=${this.busy} @click=${() => void this.unban([b.id])}>Unban</button>
            </li>`
        )}
        ${!this.list.items.length && !this.list.loading ? html`<li class="empty muted">Nobody is banned.</li>` : nothing}
      </ol>
      ${
        this.list.nextCursor
          ? html`<div class="more">
              <button @click=${() => void this.list.load(this.list.nextCursor)} ?disabled=${this.list.loading}>Older bans</button>
            </div>`
          : nothing
      }
    `;
  }
}
