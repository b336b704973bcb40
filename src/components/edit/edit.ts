import {LitElement, css, html} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {ContextConsumer} from '@lit/context';
import type {Comment} from '../../adapters/adapter.js';
import {toParleyError} from '../../adapters/adapter.js';
import {parleyContext} from '../../context.js';
import {CharacterCounter} from '../../controllers/character-counter.js';
import {editOwn, removeOwn} from '../../internal/discussion.js';
import {sharedStyles} from '../../internal/shared-styles.js';
import {styles as formStyles} from '../form/form.styles.js';
// The comment form is on the page before anyone edits: sharing its chunk (dist/parley-form.js)
// keeps its styles and counter out of a file of their own fetched before the reader scrolls.
import '../form/form.js';

/**
 * @summary Edits or deletes the reader's own comment, in place: the text in a form with
 * the counting rule, its counter and errors (`mode="edit"`), or a confirmation
 * (`mode="delete"`). Loaded the first time a reader uses either. Escape or Cancel closes it.
 * A comment's own, inside its shadow root: not an element of the public surface.
 * @internal
 * @tag parley-edit
 * @csspart textarea - The text being edited.
 * @csspart counter - The live character counter.
 * @csspart error - Why the change was not made.
 * @fires {CustomEvent<{done: boolean; near: Element | null}>} parley-edit-closed - Closed: `done` after a change was made, else cancelled; `near` is the comment to focus if this one went.
 */
export class ParleyEdit extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      form {
        margin-block: 0.5rem;
      }
      button.secondary {
        background: transparent;
        color: inherit;
        box-shadow: inset 0 0 0 1px currentColor;
      }
    `,
  ];
  static override shadowRootOptions = {...LitElement.shadowRootOptions, delegatesFocus: true};

  private readonly config = new ContextConsumer(this, {context: parleyContext, subscribe: true});
  private readonly counter = new CharacterCounter(this, () => this.config.value!.rules);

  /** The comment to edit or delete. */
  @property({attribute: false}) comment?: Comment;
  /** `edit` (default) or `delete`. */
  @property() mode: 'edit' | 'delete' = 'edit';

  @state() private error = '';
  @state() private busy = false;

  @query('textarea') private textarea?: HTMLTextAreaElement;

  override firstUpdated(): void {
    if (this.textarea && this.comment) {
      this.textarea.value = this.comment.body;
      this.counter.update(this.comment.body);
    }
  }

  override updated(): void {
    if (this.textarea && this.config.value) this.counter.applyTo(this.textarea, this.violation());
  }

  private violation(): string {
    const {strings: s, rules} = this.config.value!;
    const v = this.counter.violation;
    return v === 'too_short'
      ? s.tooShort(this.counter.count, rules.minLength)
      : v === 'too_long'
        ? s.tooLong(this.counter.count, rules.maxLength)
        : '';
  }

  private close(done: boolean, near: Element | null = null): void {
    this.dispatchEvent(new CustomEvent('parley-edit-closed', {detail: {done, near}, bubbles: true}));
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && !this.busy) {
      e.preventDefault();
      e.stopPropagation();
      this.close(false);
    }
  }

  private async handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const config = this.config.value;
    const c = this.comment;
    if (!config || !c || this.busy) return;
    if (this.mode === 'edit') {
      this.counter.update(this.textarea!.value);
      if (this.counter.violation) {
        this.error = this.violation();
        this.textarea!.focus();
        return;
      }
    }
    this.busy = true;
    this.error = '';
    // Where focus goes if the comment goes: the comment after it, or before, or its parent.
    const li = (this.getRootNode() as ShadowRoot).host.closest('li');
    const near = (li?.nextElementSibling ?? li?.previousElementSibling ?? li?.parentElement?.closest('li'))?.querySelector(
      ':scope > parley-comment'
    );
    try {
      if (this.mode === 'edit') await editOwn(config.store, c.id, this.textarea!.value);
      else await removeOwn(config.store, c.id);
      this.close(true, near ?? null);
    } catch (error) {
      const {code} = toParleyError(error);
      this.error = code === 'forbidden' ? config.strings.changeRefused : config.strings.actionError(code);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const config = this.config.value;
    if (!config) return null;
    const {strings: s, rules} = config;
    const {count, zone} = this.counter;
    const error = this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : null;
    if (this.mode === 'delete') {
      return html`<form role="group" aria-labelledby="ask" @submit=${this.handleSubmit} @keydown=${this.handleKeydown}>
        <p id="ask">${s.deleteConfirm}</p>
        ${error}
        <div class="actions">
          <button type="button" class="secondary" @click=${() => this.close(false)}>${s.cancel}</button>
          <button type="submit" aria-busy=${this.busy}>${s.delete}</button>
        </div>
      </form>`;
    }
    const counterText =
      zone === 'below'
        ? s.counterBelow(count, rules.minLength)
        : zone === 'ok'
          ? s.counterRemaining(rules.maxLength - count, rules.maxLength)
          : s.counterOver(count - rules.maxLength, rules.maxLength);
    return html`<form novalidate aria-labelledby="heading" @submit=${this.handleSubmit} @keydown=${this.handleKeydown}>
      <div class="field">
        <label id="heading" for="body">${s.editHeading}</label>
        <textarea
          id="body"
          part="textarea"
          aria-describedby="rule counter"
          aria-invalid=${this.error !== '' && zone !== 'ok'}
          @input=${() => this.counter.update(this.textarea!.value)}
        ></textarea>
        <div class="meta">
          <span id="rule">${s.minimumRule(rules.minLength)}</span>
          <span id="counter" part="counter" class="counter ${zone}">${counterText}</span>
        </div>
      </div>
      ${error}
      <div class="actions">
        <button type="submit" aria-disabled=${zone !== 'ok' || this.busy} aria-busy=${this.busy}>${s.save}</button>
        <button type="button" class="secondary" @click=${() => this.close(false)}>${s.cancel}</button>
      </div>
    </form>`;
  }
}
