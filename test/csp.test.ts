import './setup.js';
import {expect} from '@open-wc/testing';

const waitFor = async <T>(check: () => T, what: string, timeout = 5000): Promise<NonNullable<T>> => {
  const end = performance.now() + timeout;
  for (;;) {
    const v = check();
    if (v) return v;
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('strict Content-Security-Policy', () => {
  it('renders and posts with no unsafe-inline, no unsafe-eval and Trusted Types required', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '900px';
    frame.src = '/test/csp/page.html';
    const loaded = new Promise((r) => frame.addEventListener('load', r, {once: true}));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & {cspViolations: string[]};
    const doc = frame.contentDocument!;
    const policy = (await fetch('/test/csp/page.html')).headers.get('content-security-policy')!;
    expect(policy).to.include("require-trusted-types-for 'script'");
    expect(policy).not.to.include('unsafe');

    const root = await waitFor(() => doc.querySelector('parley-comments')?.shadowRoot, 'widget');
    const form = await waitFor(() => root.querySelector('parley-form')?.shadowRoot?.querySelector('form'), 'form');
    const thread = root.querySelector('parley-thread')!.shadowRoot!;
    await waitFor(() => thread.textContent.includes('No comments yet') || thread.querySelector('parley-comment'), 'thread');
    // Styles applied (constructable stylesheets are allowed under style-src 'self').
    const button = form.querySelector('button[type="submit"]')!;
    expect(win.getComputedStyle(button).fontWeight).to.equal('600');

    const name = form.querySelector('input')!;
    const body = form.querySelector('textarea')!;
    name.value = 'Strict Reader';
    name.dispatchEvent(new Event('input', {bubbles: true}));
    body.value = `Posted from a page with a strict Content-Security-Policy ${Date.now()}.`;
    body.dispatchEvent(new Event('input', {bubbles: true}));
    (button as HTMLButtonElement).click();
    await waitFor(
      () =>
        [...thread.querySelectorAll('parley-comment')].some((c) =>
          c.shadowRoot!.textContent.includes('strict Content-Security-Policy')
        ),
      'posted comment'
    );
    expect(win.cspViolations).to.deep.equal([]);
    frame.remove();
  });
});
