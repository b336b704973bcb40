// Real pages for the draft tests: iframes of test/drafts/reload-page.html (one comment
// section on the memory adapter, drafts on), each a document of its own, reloaded,
// navigated and removed for real. Two of them on one thread are two tabs.
import {expect} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {waitFor} from '../plain-helpers.js';

/** Opens the page on `thread` in a new iframe; resolves once it has loaded. */
export function open(thread: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 900px';
  frame.src = `/test/drafts/reload-page.html?thread=${encodeURIComponent(thread)}`;
  const loaded = new Promise<HTMLIFrameElement>((resolve) => frame.addEventListener('load', () => resolve(frame), {once: true}));
  document.body.append(frame);
  return loaded;
}

/** The frame's `<parley-form>`, once it has rendered. */
export function form(frame: HTMLIFrameElement): Promise<HTMLElement> {
  return waitFor(() => {
    const el = frame.contentDocument?.querySelector('parley-comments')?.shadowRoot?.querySelector('parley-form');
    return el?.shadowRoot?.querySelector('textarea') ? el : null;
  }, 'the form in the frame');
}

/** The textarea of the frame's form, once the form has rendered. */
export async function textarea(frame: HTMLIFrameElement): Promise<HTMLTextAreaElement> {
  return (await form(frame)).shadowRoot!.querySelector('textarea')!;
}

/** Types `text` key by key into the frame's textarea, as a reader does. */
export async function typeIn(frame: HTMLIFrameElement, text: string): Promise<void> {
  const field = await textarea(frame);
  field.focus();
  await sendKeys({type: text});
  expect(field.value).to.equal(text);
}

/** Runs `go` (a reload, a navigation) and resolves once the frame has loaded again. */
export function reloaded(frame: HTMLIFrameElement, go: () => void): Promise<void> {
  const done = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), {once: true}));
  go();
  return done;
}
