import {LitElement, html} from 'lit';
import type {TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {Comment} from '../../adapters/adapter.js';
import {defaultStrings} from '../../i18n/strings.js';
import type {ParleyStrings} from '../../i18n/strings.js';
import {absoluteTime, localeOf, relativeTime} from '../../internal/format.js';
import {safeHttpUrl} from '../../internal/safe-url.js';
import {sharedStyles} from '../../internal/shared-styles.js';
import {styles} from './comment.styles.js';

/**
 * A stable colour slot (0–9, the `.c0`…`.c9` classes of comment.styles.ts) for a name:
 * the same name always gets the same colour.
 */
export function avatarColour(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 10;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** The body as text nodes, with http(s) URLs as links marked as user content. */
function linkify(body: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of body.matchAll(URL_IN_TEXT)) {
    const href = safeHttpUrl(m[0]);
    if (!href) continue;
    out.push(body.slice(last, m.index), html`<a href=${href} rel="nofollow ugc noopener noreferrer" target="_blank">${m[0]}</a>`);
    last = m.index + m[0].length;
  }
  out.push(body.slice(last));
  return out;
}

/**
 * @summary One comment: avatar, name, relative time and text.
 * @tag parley-comment
 * @csspart avatar - The round avatar with the author's initial or picture.
 * @csspart name - The author's name.
 * @csspart time - The relative time.
 * @csspart body - The comment text.
 * @cssprop [--parley-avatar-size=2.5rem] - Diameter of the avatar.
 * @cssprop [--parley-muted] - Colour of the time and badges.
 */
export class ParleyComment extends LitElement {
  static override styles = [sharedStyles, styles];

  /** The comment to show. */
  @property({attribute: false}) comment?: Comment;
  /** Marks the comment as on its way to the server. */
  @property({type: Boolean, reflect: true}) sending = false;
  /** Strings to show; defaults to English. */
  @property({attribute: false}) strings: ParleyStrings = defaultStrings;
  /** BCP 47 language tag for dates; defaults to the page's language. */
  @property() locale = '';

  @state() private avatarFailed = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('comment')) this.avatarFailed = false;
  }

  /** The full date as a tooltip, built on demand: Intl.DateTimeFormat is slow to create. */
  private handleTimeHover(e: PointerEvent): void {
    const time = e.currentTarget as HTMLTimeElement;
    if (!time.title && this.comment) time.title = absoluteTime(this.comment.createdAt, this.locale || localeOf(this));
  }

  override render() {
    const c = this.comment;
    if (!c) return null;
    const s = this.strings;
    const locale = this.locale || localeOf(this);
    const name = c.author.name;
    const initial = (/^\P{M}\p{M}*/u.exec(name.trim())?.[0] ?? '?').toLocaleUpperCase(locale);
    const src = this.avatarFailed ? null : safeHttpUrl(c.author.avatarUrl);
    // Named by its author and time, so that a screen reader can go from comment to comment.
    return html`<article aria-labelledby="author when">
      <div class="avatar c${avatarColour(name)}" part="avatar" aria-hidden="true">
        ${
          src
            ? html`<img
                src=${src}
                alt=""
                loading="lazy"
                referrerpolicy="no-referrer"
                @error=${() => (this.avatarFailed = true)}
              />`
            : initial
        }
      </div>
      <div>
        <header>
          <bdi class="name" part="name" id="author">${name}</bdi>
          <time part="time" id="when" dir="auto" datetime=${c.createdAt} @pointerenter=${this.handleTimeHover}
            >${relativeTime(c.createdAt, locale, s.justNow)}</time
          >
          ${
            this.sending
              ? html`<span class="badge" dir="auto">${s.sending}</span>`
              : c.status === 'pending'
                ? html`<span class="badge" dir="auto">${s.awaitingModeration}</span>`
                : null
          }
        </header>
        <p class="body" part="body" dir="auto">${linkify(c.body)}</p>
      </div>
    </article>`;
  }
}
