import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {checkBody} from 'parley-contract';
import type {LengthRules, RuleViolation} from 'parley-contract';

/** Where a body stands against the length rules. */
export type CounterZone = 'below' | 'ok' | 'over';

/** How long the reader pauses before a screen reader hears the count, as GOV.UK's character count does. */
export const SPEAK_AFTER = 1000;

/**
 * Counts a body with the shared counting rule and sets the textarea's validity to match,
 * because native `minlength` only flags values a user typed: a restored draft would pass.
 * The visible count follows every keystroke; `spoken`, for a polite live region, is set
 * only once the reader pauses ({@link SPEAK_AFTER}), and never to what it said last.
 */
export class CharacterCounter implements ReactiveController {
  count = 0;
  violation: RuleViolation | null = 'too_short';
  zone: CounterZone = 'below';
  crossed = false;
  /** What the live region says; changes only after a pause in typing. */
  spoken = '';
  /** The zone the body was in when `spoken` was last set. */
  spokenZone: CounterZone = 'below';
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly rules: () => LengthRules
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

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

  /**
   * Once the reader has paused, sets `spoken` to `message()` (given the zone of what was
   * said last), unless that is what it says already. Each call starts the pause again.
   */
  speakLater(message: (lastZone: CounterZone) => string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const text = message(this.spokenZone);
      this.spokenZone = this.zone;
      if (text === this.spoken) return;
      this.spoken = text;
      this.host.requestUpdate();
    }, SPEAK_AFTER);
  }

  /** Mirrors the result onto a form control's validity. */
  applyTo(control: HTMLTextAreaElement, message: string): void {
    control.setCustomValidity(this.violation ? message : '');
  }
}
