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

/** What a comment offers besides reading, the same for every comment of a thread. */
export interface CommentActions {
  reply?: boolean;
  like?: boolean;
}

/** What a comment asks its thread to do; the thread listens for `parley-action` once for all. */
export type CommentActionDetail = {action: string; comment: Comment} | {action: 'announce'; comment: Comment; text: string};

/** The row of a comment's buttons until they arrive with the actions chunk: as high as with them, so nothing moves. */
const emptyRow = html`<div class="actions" part="actions"></div>`;

/** The fragment of a comment's permalink: `#comment-` and its id, percent-encoded. */
export const permalinkHash = (id: string): string => `#comment-${encodeURIComponent(id)}`;

type Actions = typeof import('../../internal/actions.js');
let actions: Promise<Actions> | undefined;
/**
 * The code of what readers do to comments (reply, copy a link, edit, delete, follow a
 * link, sort), with the pieces it shows (a reply form, the sort control, the Edit and
 * Delete buttons once the reader's secrets are known): fetched once the thread is shown,
 * and by the first action if not yet. `actionsLoaded` holds it from then on.
 */
export const loadActions = () =>
  (actions ??= import('../../internal/actions.js').then(
    (m) => (actionsLoaded = m),
    (error: unknown) => {
      actions = undefined;
      console.warn(`Parley: the comment actions could not be loaded (${String(error)}).`);
      throw error;
    }
  ));
// A live binding: set once, when the chunk arrives.
export let actionsLoaded: Actions | undefined;

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

/**
 * The body as text nodes, with http(s) URLs as links marked as user content; without links,
 * the text itself (one text node, no list of parts: 2,000 comments stay light).
 */
function linkify(body: string): string | (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of body.matchAll(URL_IN_TEXT)) {
    const href = safeHttpUrl(m[0]);
    if (!href) continue;
    out.push(body.slice(last, m.index), html`<a href=${href} rel="nofollow ugc noopener noreferrer" target="_blank">${m[0]}</a>`);
    last = m.index + m[0].length;
  }
  if (!out.length) return body;
  out.push(body.slice(last));
  return out;
}

/**
 * @summary One comment: avatar, name, time (a link to the comment), text and its actions
 * (reply, like, copy link, and edit and delete for the reader's own within its window).
 * @tag parley-comment
 * @csspart avatar - The round avatar with the author's initial or picture.
 * @csspart name - The author's name.
 * @csspart time - The relative time, a link to the comment (its permalink).
 * @csspart body - The comment text.
 * @csspart actions - The row of buttons under the text.
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
  /** The time relative times are counted from (ms since the epoch); 0 for now. The thread's one timer sets it. */
  @property({type: Number}) now = 0;
  /** Which actions the thread offers. */
  @property({attribute: false}) actions: CommentActions = {};
  /** The reader wrote it and may still edit or delete it. */
  @property({type: Boolean}) mine = false;
  /** The name of the comment this one answers, when it is shown away from it (deeper than `max-depth`). */
  @property({attribute: false}) inReplyTo: {id: string; name: string} | null = null;
  /** Why the last action on it failed. */
  @property({attribute: false}) failure = '';
  /** The comment a link pointed to: marked, and focusable. */
  @property({type: Boolean, reflect: true}) highlighted = false;

  @state() private avatarFailed = false;
  /** @internal The link was copied, or is shown to copy by hand (set by actions.ts, which then requests an update). */
  copied?: 'ok' | 'manual';
  /** @internal The edit form or the delete confirmation is open (likewise). */
  editing?: 'edit' | 'delete';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('comment')) this.avatarFailed = false;
    if (!this.mine) this.editing = undefined;
  }

  /** @internal Asks the thread to do something. */
  tell(detail: CommentActionDetail): void {
    this.dispatchEvent(new CustomEvent('parley-action', {detail, bubbles: true}));
  }

  override render() {
    const c = this.comment;
    if (!c) return null;
    const s = this.strings;
    const locale = this.locale || localeOf(this);
    const now = this.now || Date.now();
    const relative = relativeTime(c.createdAt, locale, s.justNow, now);
    const name = c.deleted ? s.deletedAuthor : c.author.name;
    const initial = (/^\P{M}\p{M}*/u.exec(name.trim())?.[0] ?? '?').toLocaleUpperCase(locale);
    const src = this.avatarFailed || c.deleted ? null : safeHttpUrl(c.author.avatarUrl);
    const body = this.editing ? 'body editing' : c.deleted ? 'body deleted' : 'body';
    return html`<article aria-labelledby="name time">
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
          <bdi id="name" class="name" part="name">${name}</bdi>
          <a
            id="time"
            part="time"
            dir="auto"
            href=${permalinkHash(c.id)}
            aria-label=${relative + s.postedAt(absoluteTime(c.createdAt, locale))}
            ><time datetime=${c.createdAt}>${relative}</time></a
          >
          ${this.renderMarks(c, s, locale, now)}
        </header>
        <p class=${body} part="body" dir="auto">${c.deleted ? s.deletedComment : linkify(c.body)}</p>
        ${
          // The editor in place of the text (hidden meanwhile), else the row of buttons: one part, no template of its own for the text.
          this.editing
            ? actionsLoaded?.editor(this, c)
            : this.sending
              ? null
              : actionsLoaded
                ? actionsLoaded.actionRow(this, c)
                : emptyRow
        }
      </div>
    </article>`;
  }

  /** What the header says besides name and time, in one part: few parts per comment keep 2,000 of them light. */
  private renderMarks(c: Comment, s: ParleyStrings, locale: string, now: number): TemplateResult[] | null {
    const marks: TemplateResult[] = [];
    if (c.editedAt && !c.deleted) {
      marks.push(
        html`<span class="edited" dir="auto"
          ><time datetime=${c.editedAt}>${s.edited(relativeTime(c.editedAt, locale, s.justNow, now))}</time></span
        >`
      );
    }
    const badge = this.sending ? s.sending : c.status === 'pending' ? s.awaitingModeration : '';
    if (badge) marks.push(html`<span class="badge" dir="auto">${badge}</span>`);
    if (this.highlighted && actionsLoaded) marks.push(actionsLoaded.linkedBadge(s));
    if (this.inReplyTo) {
      marks.push(
        html`<a class="in-reply" href=${permalinkHash(this.inReplyTo.id)}><bdi>${s.inReplyTo(this.inReplyTo.name)}</bdi></a>`
      );
    }
    return marks.length ? marks : null;
  }
}
