// Template pieces the console's lists share.
import {html} from 'lit';

/**
 * The bulk bar's "Select all" box and its polite count of the selected rows: `all` checks
 * it, `toggle` selects every row or none.
 */
export const selectAll = (all: boolean, empty: boolean, selected: number, toggle: () => void) =>
  html`<label class="select-all">
      <input type="checkbox" .checked=${all} ?disabled=${empty} @change=${toggle} />
      Select all
    </label>
    <span class="count muted" aria-live="polite">${selected ? `${selected} selected` : ''}</span>`;
