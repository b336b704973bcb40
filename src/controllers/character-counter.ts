import type {ReactiveControllerHost} from 'lit';
import {checkBody} from 'parley-contract';
import type {LengthRules, RuleViolation} from 'parley-contract';

/** Where a body stands against the length rules. */
export type CounterZone = 'below' | 'ok' | 'over';

/**
 * Counts a body with the shared counting rule and sets the textarea's validity to match,
 * because native `minlength` only flags values a user typed: a restored draft would pass.
 * `crossed` is set on the update that moves the body into another zone, so the host can
 * speak then, and not on every keystroke. It needs no lifecycle, so it is not registered
 * as a controller; it asks its host to update when the count changes.
 */
export class CharacterCounter {
  count = 0;
  violation: RuleViolation | null = 'too_short';
  zone: CounterZone = 'below';
  crossed = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly rules: () => LengthRules
  ) {}

  /** Counts `text`; requests a host update when the count changed. */
  update(text: string): void {
    const check = checkBody(text, this.rules());
    const zone: CounterZone = check.violation === 'too_short' ? 'below' : check.violation ? 'over' : 'ok';
    this.crossed = zone !== this.zone;
    const changed = this.crossed || check.count !== this.count;
    this.count = check.count;
    this.violation = check.violation;
    this.zone = zone;
    if (changed) this.host.requestUpdate();
  }

  /** Mirrors the result onto a form control's validity. */
  applyTo(control: HTMLTextAreaElement, message: string): void {
    control.setCustomValidity(this.violation ? message : '');
  }
}
