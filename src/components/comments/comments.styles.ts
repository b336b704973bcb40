import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
    font: var(--parley-font, inherit);
    color: var(--parley-text, inherit);
    max-inline-size: var(--parley-max-width, 48rem);
  }
  /* theme="light" | "dark" | "auto": a background and colours of its own instead of the
     page's. The colours below are light-dark() pairs, so the colour scheme picks them. */
  :host([theme='light']),
  :host([theme='dark']),
  :host([theme='auto']) {
    padding: var(--parley-padding, 1.25rem);
    border-radius: var(--parley-radius, 0.5rem);
    background: var(--parley-bg, light-dark(#fff, #16191d));
    color: var(--parley-text, light-dark(#1f2328, #e8eaed));
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  /* No theme: the page's actual background decides, declared with color-scheme or not. */
  .scheme-dark {
    color-scheme: dark;
  }
  .scheme-light {
    color-scheme: light;
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
  .note,
  .closed {
    margin: 1rem 0 1.75rem;
    padding: 0.75rem 1rem;
    border-radius: var(--parley-radius, 0.5rem);
    background: var(--parley-surface, color-mix(in srgb, currentColor 5%, transparent));
    font-size: 0.9375rem;
  }
  .closed {
    font-weight: 600;
  }
`;
