import {LitElement, html} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {CommentAdapter} from '../../adapters/adapter.js';
import {adapterOf} from '../../adapters/registry.js';
import {languageFor, onCatalogue} from '../../i18n/locale.js';
import type {Language} from '../../i18n/locale.js';
import type {ParleyStrings} from '../../i18n/strings.js';
import {localeOf} from '../../internal/format.js';

interface Waiter {
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
}
const queued = new Map<CommentAdapter, Map<string, Waiter[]>>();

/**
 * Asks for the count of `thread` together with every other count asked for in the same
 * task: a page of article teasers costs one request per backend.
 */
function countSoon(adapter: CommentAdapter, thread: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let batch = queued.get(adapter);
    if (!batch) {
      queued.set(adapter, (batch = new Map<string, Waiter[]>()));
      setTimeout(() => {
        queued.delete(adapter);
        const threads = [...batch!.keys()];
        const settle = (fn: (w: Waiter, t: string) => void) => batch!.forEach((ws, t) => ws.forEach((w) => fn(w, t)));
        if (!adapter.count) {
          settle((w) => w.reject(new TypeError('This adapter cannot count comments.')));
          return;
        }
        adapter.count(threads).then(
          (counts) => settle((w, t) => w.resolve(counts[t] ?? 0)),
          (error: unknown) => settle((w) => w.reject(error))
        );
      });
    }
    const waiters = batch.get(thread) ?? [];
    waiters.push({resolve, reject});
    batch.set(thread, waiters);
  });
}

/**
 * @summary The number of comments of a thread, for article lists. Counters on one page
 * share a request.
 * @tag parley-count
 * @csspart count - The text.
 */
export class ParleyCount extends LitElement {
  /** Thread id. */
  @property() thread = '';
  /** Base URL of a REST contract v1 backend. */
  @property() endpoint = '';
  /** `rest` (default when `endpoint` is set) or `local`; the property also takes an adapter object. */
  @property({converter: (v) => v}) adapter: 'rest' | 'local' | CommentAdapter | '' = '';
  /** The language of the text (a BCP 47 tag, e.g. `de`); by default the nearest `lang` of the page. */
  @property() locale = '';
  /** Replaces the `commentCount` string of the language. */
  @property({attribute: false}) strings: Partial<ParleyStrings> = {};

  @state() private count: number | null = null;
  @state() private language?: Language;
  /** The language asked for last. */
  private asked?: string;
  private stopListening?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopListening = onCatalogue(() => {
      this.asked = undefined;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const wanted = this.locale || localeOf(this);
    if (wanted !== this.asked) {
      this.asked = wanted;
      // A catalogue not loaded yet (another language than English) comes from its own file.
      void Promise.resolve(languageFor(wanted)).then((language) => {
        if (this.asked === wanted) this.language = language;
      });
    }
    if (!changed.has('thread') && !changed.has('endpoint') && !changed.has('adapter')) return;
    this.count = null;
    if (!this.thread) return;
    const thread = this.thread;
    countSoon(adapterOf(this), thread).then(
      (n) => {
        if (this.thread === thread) this.count = n;
      },
      () => {
        // A count is decoration: on failure the element stays empty.
      }
    );
  }

  override render() {
    const language = this.language;
    if (this.count === null || !language) return null;
    const text = (this.strings.commentCount ?? language.strings.commentCount)(this.count);
    return html`<span part="count" lang=${language.lang} dir="auto">${text}</span>`;
  }
}
