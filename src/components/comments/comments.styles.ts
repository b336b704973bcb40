import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
    font: var(--parley-font, inherit);
    color: var(--parley-text, inherit);
    max-inline-size: var(--parley-max-width, 48rem);
  }
  h2 {
    display: flex;
    align-items: baseline;
    gap: 0.6rem;
    margin: 0 0 0.5rem;
    font-size: var(--parley-heading-size, 1.5rem);
    line-height: 1.25;
  }
  .count {
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
