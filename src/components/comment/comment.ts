import {LitElement, html} from 'lit';
import type {TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {Comment} from '../../adapters/adapter.js';
import type {ThreadStore} from '../../thread-store.js';
import {defaultStrings} from '../../i18n/strings.js';
import type {ParleyStrings} from '../../i18n/strings.js';
import {absoluteTime, localeOf, relativeTime} from '../../internal/format.js';
import {once} from '../../internal/once.js';
import {safeHttpUrl} from '../../internal/safe-url.js';
import {sharedStyles} from '../../internal/shared-styles.js';
import {laterStyles, styles} from './comment.styles.js';

/**
 * What a thread tells all of its comments at once: one object, shared by every comment and
 * replaced only when some of it changes, so that 2,000 comments hold one binding for it.
 * @internal
 */
export interface CommentView {
  strings: ParleyStrings;
  locale: string;
  /** The time relative times count from; the thread's one timer moves it on. */
  now: number;
  /** Comments offer Reply (the thread is open). */
  reply: boolean;
  /** Comments offer Like (the backend counts likes). */
  like: boolean;
  store: ThreadStore;
}

/** What is true of one comment in its thread, as bits of `flags` (one binding, a number). @internal */
export const SENDING = 1;
/** @internal The reader wrote it and may still edit or delete it. */
export const MINE = 2;
/** @internal Shown away from the comment it answers (deeper than `max-depth`): it names it. */
export const AWAY = 4;
/** @internal The last action on it failed. */
export const FAILED = 8;

/** The fragment of a comment's permalink: `#comment-` and its id, percent-encoded. */
export const permalinkHash = (id: string): string => `#comment-${encodeURIComponent(id)}`;

type Actions = typeof import('../../internal/actions.js');
/**
 * The code of what readers do to comments (reply, copy a link, edit, delete, follow a
 * link, sort), with the pieces it shows (a reply form, the sort control, the Edit and
 * Delete buttons once the reader's secrets are known): fetched once the thread is shown,
 * and by the first action if not yet. `actionsLoaded` holds it from then on.
 */
export const loadActions = once(() =>
  import('../../internal/actions.js').then(
    (m) => (actionsLoaded = m),
    (error: unknown) => {
      console.warn(`Parley: the comment actions could not be loaded (${String(error)}).`);
      throw error;
    }
  )
);
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

/** The avatar's classes, one per colour slot: one string for all comments of a colour. */
const AVATARS = Array.from({length: 10}, (_, i) => `avatar c${i}`);

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
 * @summary One comment: avatar, name, time (a link to the comment), text and, in a
 * thread, its actions (reply, like, copy link, and edit and delete for the reader's own
 * within its window).
 * @tag parley-comment
 * @csspart avatar - The round avatar with the author's initial or picture.
 * @csspart name - The author's name.
 * @csspart time - The relative time, a link to the comment (its permalink).
 * @csspart body - The comment text.
 * @csspart actions - The row of buttons under the text.
 * @csspart report-form - The form of a report (its reason) under the text.
 * @cssprop [--parley-avatar-size=2.5rem] - Diameter of the avatar.
 * @cssprop [--parley-muted] - Colour of the time and badges.
 */
export class ParleyComment extends LitElement {
  static override styles = laterStyles ? [sharedStyles, styles, laterStyles] : [sharedStyles, styles];

  /** The comment to show. */
  @property({attribute: false}) comment?: Comment;
  /** Marks the comment as on its way to the server. */
  @property({type: Boolean, reflect: true}) sending = false;
  /** Strings to show; defaults to English. */
  @property({attribute: false}) strings: ParleyStrings = defaultStrings;
  /** BCP 47 language tag for dates; defaults to the page's language. */
  @property() locale = '';
  /** @internal What its thread tells every comment (strings, time, what they offer); instead of `strings` and `locale`. */
  @property({attribute: false}) view?: CommentView;
  /** @internal What is true of it in its thread: `SENDING`, `MINE`, `AWAY`, `FAILED`. */
  @property({attribute: false}) flags = 0;
  /** The comment a link pointed to: marked, and focusable. */
  @property({type: Boolean, reflect: true}) highlighted = false;

  @state() private avatarFailed = false;
  /** @internal The link was copied, or is shown to copy by hand (set by actions.ts, which then requests an update). */
  copied?: 'ok' | 'manual';
  /** @internal The edit form or the delete confirmation is open (likewise). */
  editing?: 'edit' | 'delete';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('comment')) this.avatarFailed = false;
    if (changed.has('flags') && this.view) this.sending = !!(this.flags & SENDING);
    if (!(this.flags & MINE)) this.editing = undefined;
    // The text is hidden while its editor is open; a deleted comment's placeholder is set apart.
    this.toggleAttribute('editing', !!this.editing);
    this.toggleAttribute('deleted', !!this.comment?.deleted);
  }

  /** @internal The strings it shows: its thread's, else its own. */
  get shownStrings(): ParleyStrings {
    return this.view?.strings ?? this.strings;
  }

  /** The language of its dates: its thread's, else its own `locale`, else the page's. */
  get #shownLocale(): string {
    return this.view?.locale || this.locale || localeOf(this);
  }

  override render() {
    const c = this.comment;
    if (!c) return null;
    const view = this.view;
    const s = this.shownStrings;
    const locale = this.#shownLocale;
    const now = view?.now ?? Date.now();
    const relative = relativeTime(c.createdAt, locale, s.justNow, now);
    const name = c.deleted ? s.deletedAuthor : c.author.name;
    const initial = (/^\P{M}\p{M}*/u.exec(name.trim())?.[0] ?? '?').toLocaleUpperCase(locale);
    const src = this.avatarFailed || c.deleted ? null : safeHttpUrl(c.author.avatarUrl);
    return html`<article aria-labelledby="name time">
      <div class=${AVATARS[avatarColour(name)]} part="avatar" aria-hidden="true">
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
          <a id="time" part="time" dir="auto"><time>${relative}</time></a>
          ${this.#renderMarks(c, s, locale, now)}
        </header>
        <p class="body" part="body" dir="auto">${c.deleted ? s.deletedComment : linkify(c.body)}</p>
        <div class="actions" part="actions"></div>
        ${
          // The editor in place of the text and the buttons (hidden meanwhile), else what an action left to say: one part.
          this.editing ? actionsLoaded?.editor(this, c) : actionsLoaded?.after(this, c)
        }
      </div>
    </article>`;
  }

  /**
   * The time's link, its name (the relative time and the full date) and its `datetime`,
   * written to the DOM rather than bound: bindings would keep three more strings per
   * comment in memory.
   */
  protected override updated(): void {
    // The row of buttons is the actions chunk's: filled once it is here (the thread fills the rows shown then).
    if (this.view) actionsLoaded?.fillRow(this);
    const c = this.comment;
    const link = c && this.renderRoot.querySelector('#time');
    if (!link) return;
    link.setAttribute('href', permalinkHash(c.id));
    link.firstElementChild!.setAttribute('datetime', c.createdAt);
    link.setAttribute('aria-label', link.textContent + this.shownStrings.postedAt(absoluteTime(c.createdAt, this.#shownLocale)));
  }

  /** What the header says besides name and time, in one part: few parts per comment keep 2,000 of them light. */
  #renderMarks(c: Comment, s: ParleyStrings, locale: string, now: number): TemplateResult[] | null {
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
    const parent = this.flags & AWAY && c.parentId ? this.view?.store.find(c.parentId) : undefined;
    if (parent) {
      const to = parent.deleted ? s.deletedAuthor : parent.author.name;
      marks.push(html`<a class="in-reply" href=${permalinkHash(parent.id)}><bdi>${s.inReplyTo(to)}</bdi></a>`);
    }
    return marks.length ? marks : null;
  }
}
