import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li + li {
    border-block-start: 1px solid var(--parley-border, color-mix(in srgb, currentColor 14%, transparent));
  }
  .replies {
    margin-inline-start: calc(var(--parley-avatar-size, 2.5rem) + var(--parley-gap, 0.875rem));
    border-inline-start: 2px solid var(--parley-border, color-mix(in srgb, currentColor 14%, transparent));
    padding-inline-start: var(--parley-gap, 0.875rem);
  }
  @container (max-width: 32rem) {
    .replies {
      margin-inline-start: 0.75rem;
      padding-inline-start: 0.75rem;
    }
  }
  .replies li + li {
    border-block-start: 0;
  }
  .state {
    margin: 0;
    padding: 1.25rem 0;
    color: var(--parley-muted, color-mix(in srgb, currentColor 68%, transparent));
  }
  /* Said when live updates pause; takes no room when there is nothing to say. */
  .live:empty {
    padding: 0;
  }
  .reserve {
    min-block-size: var(--parley-reserve, 12rem);
  }
  .error {
    color: var(--parley-danger, light-dark(#b3261e, #ffb4ab));
  }
  button {
    margin-block: 0.75rem;
    padding: 0.55rem 1.1rem;
    border-radius: var(--parley-radius, 0.5rem);
    border: 1px solid var(--parley-border-strong, color-mix(in srgb, currentColor 35%, transparent));
    background: transparent;
    color: inherit;
  }
  button:hover {
    background: color-mix(in srgb, currentColor 6%, transparent);
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  /* The sort control arrives with the actions' chunk: its room is kept. */
  .toolbar {
    min-block-size: 2.75rem;
  }
`;
