import {LitElement, html} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {ContextConsumer} from '@lit/context';
import type {Comment, NewComment} from '../../adapters/adapter.js';
import {toParleyError} from '../../adapters/adapter.js';
import {parleyContext} from '../../context.js';
import {CharacterCounter} from '../../controllers/character-counter.js';
import type {CounterZone} from '../../controllers/character-counter.js';
import {DraftController} from '../../controllers/draft-controller.js';
import type {DraftKey} from '../../drafts/draft-store.js';
import {idbDrafts} from '../../drafts/lazy-draft-store.js';
import {emit} from '../../events.js';
import '../../i18n/english-more.js';
import {uuid} from '../../internal/id.js';
import {MAX_NAME_LENGTH, checkName, normalizeText} from 'parley-contract';
import {sharedStyles} from '../../internal/shared-styles.js';
import {styles} from './form.styles.js';

/**
 * @summary Form for writing a comment, with a minimum-length counter and saved drafts.
 * @tag parley-form
 * @slot footer - Extra content below the submit button.
 * @csspart heading - The "Leave a Comment" heading.
 * @csspart form - The native form.
 * @csspart name-input - The name field.
 * @csspart textarea - The native textarea.
 * @csspart counter - The live character counter.
 * @csspart submit-button - The submit button.
 * @csspart error - The message telling why the comment was not sent.
 * @csspart other-version - The notice offering the text written in another tab.
 * @cssprop [--parley-accent=light-dark(#0b57d0, #8ab4f8)] - Colour of the focus ring and the button.
 * @cssprop [--parley-radius=0.5rem] - Corner radius of fields and buttons.
 * @cssprop [--parley-danger=light-dark(#b3261e, #ffb4ab)] - Colour of errors.
 * @fires {ParleySubmitEvent} parley-submit - Cancelable. Sent before the adapter is called.
 * @fires {ParleyPostedEvent} parley-posted - The backend accepted the comment.
 * @fires {ParleyErrorEvent} parley-error - Posting failed (`action: 'post'`) or drafts cannot be kept (`action: 'draft'`).
 * @fires {ParleyCancelEvent} parley-cancel - A reply form's Cancel button or Escape: its owner closes it; the draft is kept.
 */
export class ParleyForm extends LitElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = {...LitElement.shadowRootOptions, delegatesFocus: true};

  private readonly config = new ContextConsumer(this, {
    context: parleyContext,
    subscribe: true,
    callback: () => void this.loadDraft(),
  });

  private readonly counter = new CharacterCounter(this, () => this.config.value!.rules);

  /** The drafts read the fields once the reader typed, so after the first render. */
  private readonly drafts = new DraftController(this, {
    key: () => this.draftKey(),
    store: () => (this.config.value?.drafts ? idbDrafts() : null),
    read: () => ({body: this.textarea.value, name: this.nameInput.value}),
    onError: (error) => emit(this, 'parley-error', {error: error as Error, action: 'draft'}),
  });

  /** Id of the comment this form replies to; empty for a top-level comment. */
  @property({attribute: 'parent-id'}) parentId = '';
  /**
   * The name of the author replied to, for the heading; with it the form has a Cancel
   * button and Escape, which close it (`parley-cancel`) and keep its draft.
   */
  @property({attribute: 'reply-to'}) replyTo = '';

  /** Why the comment was not sent; shown under the form. */
  @state() private error = '';
  @state() private sending = false;
  /** A polite message: posted, draft restored. (The count has a live region of its own.) */
  @state() private announcement = '';

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('input[name="name"]') private nameInput!: HTMLInputElement;

  private draftKey(): DraftKey | null {
    const config = this.config.value;
    return config ? [config.thread, this.parentId] : null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('parentId') && this.hasUpdated) void this.loadDraft();
  }

  override firstUpdated(): void {
    void this.updateComplete.then(() => this.loadDraft());
  }

  override updated(): void {
    // With a config, the form is rendered.
    if (this.config.value) this.counter.applyTo(this.textarea, this.violationMessage());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.error && this.error === this.config.value?.strings.offline) addEventListener('online', this.handleOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.handleOnline);
  }

  /** Back online after an offline failure: the same submission goes out once more, with the same key. */
  private readonly handleOnline = () => {
    removeEventListener('online', this.handleOnline);
    if (this.error === this.config.value?.strings.offline) void this.submit();
  };

  /** The text of the comment field. Setting it fires no event. */
  get body(): string {
    return this.hasUpdated ? this.textarea.value : '';
  }
  set body(value: string) {
    void this.updateComplete.then(() => {
      this.textarea.value = value;
      this.counter.update(value);
    });
  }

  private async loadDraft(): Promise<void> {
    if (!this.hasUpdated || !this.config.value) return;
    const draft = await this.drafts.load();
    if (!draft) return;
    if (this.textarea.value === '' && draft.body) {
      this.textarea.value = draft.body;
      this.counter.update(draft.body);
      this.announcement = this.config.value.strings.draftRestored;
    }
    if (this.nameInput.value === '' && draft.name) this.nameInput.value = draft.name;
  }

  private violationMessage(): string {
    const {strings: s, rules} = this.config.value!;
    switch (this.counter.violation) {
      case 'too_short':
        return s.tooShort(this.counter.count, rules.minLength);
      case 'too_long':
        return s.tooLong(this.counter.count, rules.maxLength);
      default:
        return '';
    }
  }

  private handleInput(): void {
    this.counter.update(this.textarea.value);
    if (this.counter.crossed && this.counter.zone === 'ok') this.error = '';
    this.counter.speakLater((lastZone) => this.spokenCount(lastZone));
    this.drafts.changed();
  }

  /** What a screen reader hears once the reader pauses: how many are still needed, left, or too many. */
  private spokenCount(lastZone: CounterZone): string {
    const {strings: s, rules} = this.config.value!;
    const {count, zone} = this.counter;
    if (zone === 'below') return s.counterNeeded(rules.minLength - count, rules.minLength);
    if (zone === 'over') return s.counterOver(count - rules.maxLength, rules.maxLength);
    const left = s.counterRemaining(rules.maxLength - count, rules.maxLength);
    return lastZone === 'below' ? `${s.minimumReached} ${left}` : left;
  }

  private handleNameInput(): void {
    this.drafts.changed();
  }

  private handleUseOther(): void {
    const other = this.drafts.takeOther();
    if (!other) return;
    this.textarea.value = other.body;
    if (other.name) this.nameInput.value = other.name;
    this.counter.update(other.body);
    this.textarea.focus();
  }

  private handleDiscardOther(): void {
    this.drafts.discardOther();
    this.textarea.focus();
  }

  private handleCancel(): void {
    void this.drafts.flush();
    this.dispatchEvent(new CustomEvent('parley-cancel', {bubbles: true}));
  }

  private handleFormKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.replyTo) {
      e.preventDefault();
      this.handleCancel();
    }
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void this.submit();
    }
  }

  private handleSubmit(e: SubmitEvent): void {
    e.preventDefault();
    void this.submit();
  }

  /** Validates and sends the comment, exactly as the submit button does. */
  async submit(): Promise<void> {
    const config = this.config.value;
    if (!config || this.sending) return;
    const s = config.strings;
    const body = this.textarea.value;
    const name = this.nameInput.value;
    const nameViolation = checkName(name);
    this.counter.update(body);
    if (nameViolation || this.counter.violation) {
      this.error = nameViolation
        ? nameViolation === 'invalid'
          ? s.nameRequired
          : s.nameTooLong(MAX_NAME_LENGTH)
        : this.violationMessage();
      (nameViolation ? this.nameInput : this.textarea).focus();
      return;
    }
    const input: NewComment = {
      author: {name: normalizeText(name)},
      body: normalizeText(body),
      parentId: this.parentId || null,
    };
    if (!emit(this, 'parley-submit', {threadId: config.thread, comment: input}, {cancelable: true})) return;

    this.sending = true;
    this.error = '';
    // The same text sent again, even after a reload, reuses the key: no double post.
    const previous = this.drafts.submission;
    const key = previous?.body === body && previous.name === name ? previous.key : uuid();
    this.drafts.submission = {key, body, name};
    await this.drafts.save();

    const local: Comment = {
      id: `sending:${key}`,
      threadId: config.thread,
      parentId: input.parentId ?? null,
      author: {name: input.author.name},
      body: input.body,
      createdAt: new Date().toISOString(),
      status: 'published',
    };
    config.store.beginSending(local);
    try {
      const comment = await config.adapter.post(config.thread, input, {idempotencyKey: key});
      config.store.endSending(local.id, comment);
      this.textarea.value = '';
      this.counter.update('');
      await this.drafts.clear(body);
      this.announcement = comment.status === 'pending' ? s.awaitingModeration : s.posted;
      emit(this, 'parley-posted', {threadId: config.thread, comment});
    } catch (e) {
      config.store.endSending(local.id, null);
      const error = toParleyError(e);
      const offline = error.code === 'network' && !navigator.onLine;
      this.error = offline ? s.offline : s.error(error.code, error.retryAfter);
      if (offline) addEventListener('online', this.handleOnline);
      emit(this, 'parley-error', {error, action: 'post'});
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const config = this.config.value;
    if (!config) return null;
    const {strings: s, rules} = config;
    const {count, zone} = this.counter;
    const counterText =
      zone === 'below'
        ? s.counterBelow(count, rules.minLength)
        : zone === 'ok'
          ? s.counterRemaining(rules.maxLength - count, rules.maxLength)
          : s.counterOver(count - rules.maxLength, rules.maxLength);
    const blocked = zone !== 'ok' || this.sending;
    const draftText =
      this.drafts.status === 'unavailable' ? s.draftsUnavailable : this.drafts.status === 'saved' ? s.draftSaved : '';
    // Marked invalid once a submission was refused, until fixed.
    const nameInvalid = this.error !== '' && checkName(this.nameInput.value) !== null;
    const bodyInvalid = this.error !== '' && zone !== 'ok';
    return html`<h3 id="heading" part="heading" dir="auto">${this.replyTo ? s.replyHeading(this.replyTo) : s.formHeading}</h3>
      <form part="form" aria-labelledby="heading" novalidate @submit=${this.handleSubmit} @keydown=${this.handleFormKeydown}>
        <div class="field">
          <label for="name">${s.nameLabel}</label>
          <input
            id="name"
            name="name"
            part="name-input"
            autocomplete="name"
            dir="auto"
            required
            aria-invalid=${nameInvalid}
            @input=${this.handleNameInput}
          />
        </div>
        <div class="field">
          <label for="body">${s.bodyLabel}</label>
          <textarea
            id="body"
            name="body"
            part="textarea"
            required
            placeholder=${s.bodyPlaceholder}
            dir="auto"
            aria-describedby="rule counter draft"
            aria-invalid=${bodyInvalid}
            @input=${this.handleInput}
            @keydown=${this.handleKeydown}
          ></textarea>
          <div class="meta">
            <span id="rule" dir="auto">${s.minimumRule(rules.minLength)}</span>
            <span id="counter" part="counter" class="counter ${zone}" dir="auto">${counterText}</span>
          </div>
        </div>
        ${
          this.drafts.other
            ? html`<div class="other" part="other-version" role="status">
                <span dir="auto">${s.otherVersion}</span>
                <button type="button" class="link" @click=${this.handleUseOther}>${s.useOtherVersion}</button>
                <button type="button" class="link" @click=${this.handleDiscardOther}>${s.discardOtherVersion}</button>
              </div>`
            : null
        }
        ${this.error ? html`<p class="error" part="error" role="alert" dir="auto">${this.error}</p>` : null}
        <div class="actions">
          <button type="submit" part="submit-button" dir="auto" aria-disabled=${blocked} aria-busy=${this.sending}>
            ${this.sending ? s.sending : s.submit}
          </button>
          ${this.replyTo ? html`<button type="button" class="cancel" @click=${this.handleCancel}>${s.cancel}</button>` : null}
          <span id="draft" class="draft" dir="auto">${draftText}</span>
        </div>
        <div role="status" class="visually-hidden" dir="auto">${this.announcement}</div>
        <div role="status" class="visually-hidden counter-status" dir="auto">${this.counter.spoken}</div>
        <slot name="footer"></slot>
      </form>`;
  }
}
