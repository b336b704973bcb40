import {css} from 'lit';

/**
 * The styles of what the actions chunk puts into comments (their buttons, a linked
 * comment, the link to copy by hand): one sheet every comment adopts, empty until that
 * chunk fills it (`replaceSync`), so the first load does not carry them.
 */
export const laterStyles: CSSStyleSheet | undefined = typeof CSSStyleSheet === 'function' ? new CSSStyleSheet() : undefined;

export const styles = css`
  :host {
    display: block;
    /* Comments off screen cost no style, layout or paint work. */
    content-visibility: auto;
    contain-intrinsic-size: auto 8rem;
  }
  article {
    /* Keeps towers of combining marks inside the comment, not focus rings. */
    overflow: clip;
    overflow-clip-margin: 4px;
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--parley-gap, 0.875rem);
    padding: var(--parley-comment-padding, 1rem 0);
  }
  /* On its way: the avatar fades, the text keeps its contrast (the badge says "Sending…"). */
  :host([sending]) .avatar {
    opacity: 0.5;
  }
  .avatar {
    inline-size: var(--parley-avatar-size, 2.5rem);
    block-size: var(--parley-avatar-size, 2.5rem);
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #fff;
    font-weight: 700;
    font-size: calc(var(--parley-avatar-size, 2.5rem) * 0.42);
    line-height: 1;
    overflow: hidden;
    user-select: none;
  }
  /* White text on each of these has a contrast ratio above 4.5:1. */
  .c0 {
    background: #1a5fb4;
  }
  .c1 {
    background: #26705a;
  }
  .c2 {
    background: #6f2dbd;
  }
  .c3 {
    background: #a1304f;
  }
  .c4 {
    background: #9a4d00;
  }
  .c5 {
    background: #37596b;
  }
  .c6 {
    background: #5b6b00;
  }
  .c7 {
    background: #00677f;
  }
  .c8 {
    background: #7b3f98;
  }
  .c9 {
    background: #b0306a;
  }
  .avatar img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.625rem;
  }
  .name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  time,
  .badge {
    font-size: 0.8125rem;
    color: var(--parley-muted, color-mix(in srgb, currentColor 68%, transparent));
  }
  .badge {
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.5rem;
  }
  .body {
    margin: 0.3rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: var(--parley-line-height, 1.55);
  }
  a {
    color: var(--parley-accent, light-dark(#0b57d0, #8ab4f8));
  }
  #time:not(:hover) {
    color: inherit;
    text-decoration: none;
  }
  .edited,
  .in-reply {
    font-size: 0.8125rem;
  }
  :host([deleted]) .body {
    font-style: italic;
  }
  .actions {
    min-block-size: 1.75rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-block-start: 0.35rem;
    margin-inline-start: -0.5rem;
  }
`;
