import {css} from 'lit';

/** Included first in every element's styles. */
export const sharedStyles = css`
  /* No color-scheme here: the widget follows the page's (or its theme attribute's). */
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
  /* Windows high contrast: system colours; borders where backgrounds and shadows drew shapes. */
  @media (forced-colors: active) {
    /* :host raises these above each element's own button rules. */
    :host button {
      border: 1px solid ButtonText;
    }
    :host button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
