import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
    font: var(--parley-font, inherit);
    color: var(--parley-text, inherit);
    max-inline-size: var(--parley-max-width, 48rem);
  }
  /* theme="light" | "dark" | "auto": colours of their own instead of the page's. */
  :host([theme='light']),
  :host([theme='dark']),
  :host([theme='auto']) {
    padding: var(--parley-padding, 1.25rem);
    border-radius: var(--parley-radius, 0.5rem);
    background: var(--parley-bg);
    color: var(--parley-text, var(--_text));
  }
  :host([theme='light']) {
    color-scheme: light;
    --parley-bg: #ffffff;
    --_text: #1f2328;
  }
  :host([theme='dark']) {
    color-scheme: dark;
    --parley-bg: #16191d;
    --_text: #e8eaed;
    --parley-accent: #8ab4f8;
    --parley-on-accent: #0b1a33;
    --parley-danger: #f2b8b5;
    --parley-success: #7ed49a;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      color-scheme: dark;
      --parley-bg: #16191d;
      --_text: #e8eaed;
      --parley-accent: #8ab4f8;
      --parley-on-accent: #0b1a33;
      --parley-danger: #f2b8b5;
      --parley-success: #7ed49a;
    }
  }
  @media (prefers-color-scheme: light) {
    :host([theme='auto']) {
      color-scheme: light;
      --parley-bg: #ffffff;
      --_text: #1f2328;
    }
  }
  h2 {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.1rem 0.6rem;
    margin: 0 0 0.5rem;
    font-size: var(--parley-heading-size, 1.5rem);
    line-height: 1.25;
  }
  .count {
    white-space: nowrap;
    font-size: 0.9375rem;
    font-weight: 500;
    color: var(--parley-muted, color-mix(in srgb, currentColor 68%, transparent));
  }
  .note {
    margin: 1rem 0 1.75rem;
    padding: 0.75rem 1rem;
    border-radius: var(--parley-radius, 0.5rem);
    background: var(--parley-surface, color-mix(in srgb, currentColor 5%, transparent));
    font-size: 0.9375rem;
  }
`;
