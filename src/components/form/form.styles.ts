import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  /* What only a screen reader says: the announcements and the spoken counter. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h3 {
    margin: 0 0 0.75rem;
    font-size: var(--parley-form-heading-size, 1.15rem);
  }
  form {
    display: grid;
    gap: 0.875rem;
  }
  .field {
    display: grid;
    gap: 0.35rem;
  }
  label {
    font-weight: 600;
    font-size: 0.9375rem;
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--parley-input-bg, transparent);
    border: 1px solid var(--parley-border-strong, color-mix(in srgb, currentColor 35%, transparent));
    border-radius: var(--parley-radius, 0.5rem);
    padding: 0.6rem 0.75rem;
    inline-size: 100%;
  }
  input {
    max-inline-size: 24rem;
  }
  textarea {
    min-block-size: 7.5rem;
    field-sizing: content;
    max-block-size: 60vh;
    resize: vertical;
    line-height: var(--parley-line-height, 1.55);
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
    outline-offset: 0;
    border-color: transparent;
  }
  [aria-invalid='true'] {
    border-color: var(--parley-danger, light-dark(#b3261e, #ffb4ab));
  }
  .meta {
    display: flex;
    justify-content: space-between;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 0.875rem;
    color: var(--parley-muted, color-mix(in srgb, currentColor 68%, transparent));
  }
  .counter {
    font-variant-numeric: tabular-nums;
  }
  .counter.ok {
    color: var(--parley-success, light-dark(#146c2e, #7ddc94));
  }
  .counter.over,
  .error {
    color: var(--parley-danger, light-dark(#b3261e, #ffb4ab));
  }
  .error {
    margin: 0;
    font-size: 0.9375rem;
  }
  .actions {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }
  button {
    border: 0;
    border-radius: var(--parley-radius, 0.5rem);
    padding: 0.65rem 1.25rem;
    font-weight: 600;
    color: var(--parley-on-accent, light-dark(#fff, #0b1a33));
    background: var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
  }
  button:hover {
    filter: brightness(1.08);
  }
  /* Still clickable (it says what is missing), so it stays readable: an outline. */
  button[aria-disabled='true'] {
    background: transparent;
    color: var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
    box-shadow: inset 0 0 0 1.5px currentColor;
    cursor: not-allowed;
  }
  button.cancel {
    background: transparent;
    color: inherit;
    box-shadow: inset 0 0 0 1px currentColor;
  }
  button[aria-busy='true'] {
    cursor: progress;
  }
  .other {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--parley-radius, 0.5rem);
    background: var(--parley-surface, color-mix(in srgb, currentColor 6%, transparent));
    font-size: 0.9375rem;
  }
  button.link {
    /* Targets of at least 24 × 24 px (WCAG 2.5.8). */
    min-block-size: 1.5rem;
    min-inline-size: 1.5rem;
    padding: 0;
    background: none;
    color: var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
    font-weight: 600;
    text-decoration: underline;
  }
  .draft {
    font-size: 0.8125rem;
    color: var(--parley-muted, color-mix(in srgb, currentColor 68%, transparent));
  }
`;
