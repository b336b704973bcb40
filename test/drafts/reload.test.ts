import '../setup.js';
import {expect} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {waitFor} from '../plain-helpers.js';
import {open, reloaded, textarea, typeIn} from './frames.js';

// A reader types, then the page goes away before the debounced IndexedDB write: a reload,
// a navigation, a closed tab. What was typed comes back in the next page. Real documents:
// iframes of test/drafts/reload-page.html (./frames.ts), really reloaded, navigated and removed.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drafts when the page goes away just after typing', () => {
  for (const delay of [0, 50, 100, 300]) {
    it(`a reload ${delay} ms after the last keystroke keeps every character`, async () => {
      const thread = `reload-${delay}-${crypto.randomUUID()}`;
      const frame = await open(thread);
      try {
        await typeIn(frame, 'Typed just before the reload');
        await sleep(delay);
        await reloaded(frame, () => frame.contentWindow!.location.reload());
        const field = await textarea(frame);
        await waitFor(() => field.value === 'Typed just before the reload', 'the text after the reload');
      } finally {
        frame.remove();
      }
    });
  }

  it('a navigation away and back keeps what was typed', async () => {
    const thread = `navigate-${crypto.randomUUID()}`;
    const frame = await open(thread);
    try {
      await typeIn(frame, 'Typed, then a link was followed');
      const page = frame.contentWindow!.location.href;
      await reloaded(frame, () => (frame.contentWindow!.location.href = '/test/drafts/reload-page.html?thread=elsewhere'));
      await reloaded(frame, () => (frame.contentWindow!.location.href = page));
      const field = await textarea(frame);
      await waitFor(() => field.value === 'Typed, then a link was followed', 'the text after coming back');
    } finally {
      frame.remove();
    }
  });

  it('a reload just after typing loses neither its text nor what another page wrote meanwhile', async () => {
    const thread = `two-pages-${crypto.randomUUID()}`;
    const a = await open(thread);
    try {
      await typeIn(a, 'Words from page A.');
      await sleep(700); // saved
      const b = await open(thread); // a second page on the same draft
      try {
        const fieldB = await textarea(b);
        await waitFor(() => fieldB.value === 'Words from page A.', 'page B restoring the saved draft');
        fieldB.focus();
        await sendKeys({type: ' Then B.'});
        await sleep(700); // B's text saved
      } finally {
        b.remove();
      }
      const fieldA = await textarea(a);
      fieldA.focus();
      await sendKeys({type: ' Then A.'});
      await reloaded(a, () => a.contentWindow!.location.reload()); // at once: only the journal has it
      // Both texts are there: one in the field, the other offered beside it.
      const form = () => a.contentDocument!.querySelector('parley-comments')!.shadowRoot!.querySelector('parley-form')!;
      const offer = await waitFor(() => form().shadowRoot!.querySelector('[part="other-version"]'), 'the other text offered');
      const field = await textarea(a);
      const texts = ['Words from page A. Then A.', 'Words from page A. Then B.'];
      expect(texts).to.include(field.value);
      const theOther = texts.find((t) => t !== field.value)!;
      offer.querySelector('button')!.click(); // "Show that version"
      await waitFor(() => field.value === theOther, 'the other text in the field');
    } finally {
      a.remove();
    }
  });

  it('a page closed mid-word keeps the half word, in the next page', async () => {
    const thread = `closed-${crypto.randomUUID()}`;
    const first = await open(thread);
    await typeIn(first, 'Half a wo');
    first.remove();
    const next = await open(thread);
    try {
      const field = await textarea(next);
      await waitFor(() => field.value === 'Half a wo', 'the half word in a new page');
    } finally {
      next.remove();
    }
  });
});
