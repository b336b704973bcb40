import {css} from 'lit';

/** What every console element shares: colours (light and dark), buttons, inputs, focus. */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    color-scheme: light dark;
    --bg: #ffffff;
    --bg-soft: #f6f7f9;
    --fg: #1f2328;
    --muted: #59636e;
    --line: #d1d9e0;
    --accent: #0969da;
    --accent-fg: #ffffff;
    --danger: #cf222e;
    --ok: #1a7f37;
    --selected: #ddf4ff;
    --focus: #0969da;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --bg: #151b23;
      --bg-soft: #0d1117;
      --fg: #e6edf3;
      --muted: #9198a1;
      --line: #3d444d;
      --accent: #4493f8;
      --accent-fg: #0d1117;
      --danger: #f85149;
      --ok: #3fb950;
      --selected: #1b2c44;
      --focus: #4493f8;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    border: 1px solid var(--line);
    background: var(--bg);
    border-radius: 6px;
    padding: 0.3rem 0.75rem;
    cursor: pointer;
    min-height: 2.25rem;
  }
  button:hover {
    background: var(--bg-soft);
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
    font-weight: 600;
  }
  button.danger {
    color: var(--danger);
    border-color: var(--danger);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select {
    border: 1px solid var(--line);
    background: var(--bg);
    border-radius: 6px;
    padding: 0.3rem 0.5rem;
    min-height: 2.25rem;
  }
  .muted {
    color: var(--muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  kbd {
    font:
      0.85em ui-monospace,
      monospace;
    border: 1px solid var(--line);
    border-bottom-width: 2px;
    border-radius: 4px;
    padding: 0 0.3em;
    background: var(--bg-soft);
  }
`;

/** A list under a bar of bulk actions (the queue, the bans): the bar, its count, Select all, the list. */
export const listStyles = css`
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--line);
    border-radius: 8px 8px 0 0;
    background: var(--bg-soft);
  }
  .bulk .count {
    margin-right: auto;
  }
  .select-all {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--line);
    border-top: 0;
    border-radius: 0 0 8px 8px;
    background: var(--bg);
  }
  /* A list with nothing in it says so; "Older …" below it. */
  .empty {
    display: block;
    padding: 2rem 1rem;
    text-align: center;
  }
  .more {
    margin: 0.75rem 0;
    text-align: center;
  }
`;
