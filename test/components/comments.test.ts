import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {LocalAdapter} from '../../src/adapters/local.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import {ParleyComments, defaultThread} from '../../src/components/comments/comments.js';
import {parleyContext} from '../../src/context.js';
import type {ParleyConfig} from '../../src/context.js';
import {ContextConsumer} from '@lit/context';
import {makeComment, mount, parts, typeInto, uniqueThread, waitFor} from '../helpers.js';
import type {Parts} from '../helpers.js';

/** The config the element provides, read the way its parts read it. */
function configOf(el: ParleyComments): ParleyConfig {
  const probe = document.createElement('div');
  el.shadowRoot!.append(probe);
  let value: ParleyConfig | undefined;
  const host = Object.assign(probe, {
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  });
  new ContextConsumer(host, {context: parleyContext, callback: (v) => (value = v)}).hostConnected();
  probe.remove();
  return value!;
}

describe('<parley-comments>', () => {
  it('is defined and maps attributes to properties and config', async () => {
    expect(customElements.get('parley-comments')).to.equal(ParleyComments);
    const el = await fixture<ParleyComments>(
      html`<parley-comments
        thread="a/b c"
        endpoint="/api/v1"
        min-length="20"
        max-length="300"
        sort="newest"
        page-size="10"
        locale="fr"
        no-drafts
      ></parley-comments>`
    );
    expect([el.thread, el.endpoint, el.minLength, el.maxLength, el.sort, el.pageSize, el.locale, el.noDrafts]).to.deep.equal([
      'a/b c',
      '/api/v1',
      20,
      300,
      'newest',
      10,
      'fr',
      true,
    ]);
    // French: the section renders once the French catalogue is here.
    await waitFor(() => el.shadowRoot!.querySelector('h2'), 'the French strings');
    const config = configOf(el);
    expect(config.adapter).to.be.instanceOf(RestAdapter);
    expect(config.locale).to.equal('fr');
    expect(config.strings.heading).to.equal('Commentaires des lecteurs');
    expect(config.rules).to.deep.equal({minLength: 20, maxLength: 300});
    expect(config.drafts).to.equal(false, 'no-drafts');
    expect(config.sort).to.equal('newest');
    el.remove();
  });

  it('builds the local adapter from the attribute and prefers an adapter object', async () => {
    const thread = uniqueThread();
    const el = await fixture<ParleyComments>(html`<parley-comments adapter="local" thread=${thread}></parley-comments>`);
    // The local adapter's module loads on first use; what it stores, a LocalAdapter reads.
    const named = configOf(el).adapter;
    const body = 'Stored in this browser by the adapter that the attribute named, long enough.';
    await named.post(thread, {author: {name: 'Ada'}, body}, {idempotencyKey: crypto.randomUUID()});
    expect((await new LocalAdapter().list(thread, {})).comments.map((c) => c.body)).to.deep.equal([body]);
    const memory = new MemoryAdapter();
    el.adapter = memory;
    await el.updateComplete;
    expect(configOf(el).adapter).to.equal(memory);
  });

  it('defaults the thread to the canonical URL path', async () => {
    const link = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: 'https://news.example/2026/trains?utm=x',
    });
    document.head.append(link);
    try {
      expect(defaultThread()).to.equal('/2026/trains');
    } finally {
      link.remove();
    }
    expect(defaultThread()).to.equal(location.pathname);
  });

  it('takes strings from the page', async () => {
    const thread = uniqueThread();
    const el = await fixture<ParleyComments>(
      html`<parley-comments
        .adapter=${new MemoryAdapter()}
        thread=${thread}
        no-drafts
        .strings=${{heading: 'Kommentare', formHeading: 'Schreiben'}}
      ></parley-comments>`
    );
    const p = parts(el);
    await waitFor(() => p.heading().startsWith('Kommentare'), 'heading');
    expect(p.form().shadowRoot!.querySelector('h3')!.textContent).to.equal('Schreiben');
  });

  it('has no accessibility violations, with comments and an error shown', async () => {
    const thread = uniqueThread();
    const seed = {[thread]: [1, 2, 3].map((i) => makeComment(thread, i, {status: i === 3 ? 'pending' : 'published'}))};
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 3, 'comments');
    await expect(p.el).to.be.accessible();
    p.submit().click();
    await waitFor(() => p.error(), 'error');
    await expect(p.el).to.be.accessible();
  });

  it('lets a keyboard alone post a comment', async () => {
    const thread = uniqueThread();
    const adapter = new MemoryAdapter();
    const before = Object.assign(document.createElement('button'), {textContent: 'before'});
    document.body.append(before);
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => p.threadText().includes('No comments yet'), 'empty');
    before.focus();
    await sendKeys({press: 'Tab'});
    expect(p.form().shadowRoot!.activeElement).to.equal(p.nameInput());
    await sendKeys({type: 'Kim'});
    await sendKeys({press: 'Tab'});
    expect(p.form().shadowRoot!.activeElement).to.equal(p.textarea());
    await sendKeys({type: 'Typed with the keyboard only, and long enough to pass.'});
    await sendKeys({press: 'Tab'});
    expect(p.form().shadowRoot!.activeElement).to.equal(p.submit());
    await sendKeys({press: 'Enter'});
    await waitFor(() => p.comments().length === 1 && !p.comments()[0].hasAttribute('sending'), 'posted');
    const page = await adapter.list(thread, {});
    expect(page.comments[0].author.name).to.equal('Kim');
    before.remove();
  });

  it('a thread a moderator closed shows its comments and says so instead of the form; the draft waits', async () => {
    const thread = uniqueThread('closed');
    const api = new RestAdapter({endpoint: '/api/v1'});
    const moderate = (action: 'close' | 'reopen') =>
      fetch(`/api/v1/admin/threads/${action}`, {
        method: 'POST',
        headers: {Authorization: 'Bearer browser-suite-admin-token', 'Content-Type': 'application/json'},
        body: JSON.stringify({thread}),
      });
    const text = 'A draft typed before the thread was closed, long enough to be a comment.';
    let p = await mount(api, thread);
    await waitFor(() => !!p.form().shadowRoot?.querySelector('textarea'), 'the form');
    p.textarea().value = text;
    p.textarea().dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText'}));
    await waitFor(() => p.draftNote() === 'Draft saved on this device', 'the draft saved');
    await api.post(
      thread,
      {author: {name: 'Priya S'}, body: 'A comment posted before the thread was closed, long enough.'},
      {idempotencyKey: crypto.randomUUID()}
    );
    expect((await moderate('close')).status).to.equal(200);

    p.el.remove();
    p = await mount(api, thread);
    const root = p.el.shadowRoot!;
    await waitFor(() => p.comments().length === 1, 'the comment');
    expect(root.querySelector('[part="closed"]')!.textContent.trim()).to.equal('Comments on this article are closed.');
    expect(root.querySelector('parley-form')).to.equal(null);

    expect((await moderate('reopen')).status).to.equal(200);
    p.el.remove();
    p = await mount(api, thread);
    await waitFor(() => p.form()?.shadowRoot?.querySelector('textarea')?.value === text, 'the draft back in the form');
    expect(p.el.shadowRoot!.querySelector('[part="closed"]')).to.equal(null);
  });

  it("a banned author's post is refused in plain words and the text stays; a shadow-banned one looks accepted, to them alone", async () => {
    const thread = uniqueThread('banned');
    // An author token of this test's own (it is kept per endpoint): test files run at once in
    // one browser, and the bans below must not refuse theirs.
    const endpoint = `${location.origin}/api/v1`;
    localStorage.removeItem(`parley:author:${endpoint}`);
    const api = new RestAdapter({endpoint});
    const admin = {Authorization: 'Bearer browser-suite-admin-token', 'Content-Type': 'application/json'};
    /** Bans the author of `commentId`; the ids of the bans made (this test lifts only its own: the browsers run at once). */
    const ban = async (commentId: string, shadow: boolean) => {
      const r = await fetch('/api/v1/admin/bans', {method: 'POST', headers: admin, body: JSON.stringify({commentId, shadow})});
      expect(r.status).to.equal(200);
      return ((await r.json()) as {bans: {id: number}[]}).bans.map((b) => b.id);
    };
    const write = async (p: Parts, text: string) => {
      await waitFor(() => !!p.form().shadowRoot?.querySelector('textarea'), 'the form');
      p.nameInput().value = 'Rex';
      typeInto(p.textarea(), text);
      p.submit().click();
    };
    // The first comment gives this test its author token; the ban names that comment, so the token.
    const mine: number[] = [];
    const liftAll = () =>
      fetch('/api/v1/admin/bans/unban', {method: 'POST', headers: admin, body: JSON.stringify({ids: mine.splice(0)})});
    let p = await mount(api, thread);
    try {
      await write(p, 'A first comment from this browser, long enough for the default rule.');
      await waitFor(() => p.comments().length === 1 && !p.comments()[0].hasAttribute('sending'), 'the first comment');
      mine.push(...(await ban(p.comments()[0].comment!.id, false)));

      const refused = 'A second comment, refused because its author is banned, long enough.';
      await write(p, refused);
      await waitFor(() => p.error() === 'This comment cannot be accepted.', 'the refusal');
      expect(p.textarea().value).to.equal(refused, 'the text is kept');
      expect(p.comments()).to.have.lengthOf(1);

      // A shadow ban instead: posts look accepted here, and nobody else sees them.
      expect((await liftAll()).status).to.equal(200);
      mine.push(...(await ban(p.comments()[0].comment!.id, true)));
      p.el.remove();
      p = await mount(api, thread);
      await write(p, 'A comment of a shadow-banned author, which only they can see, long enough.');
      await waitFor(() => p.comments().length === 2 && !p.comments()[1].hasAttribute('sending'), 'accepted, to them');
      expect(p.error()).to.equal('');
      const others = await fetch(`/api/v1/threads/${encodeURIComponent(thread)}/comments`);
      expect(((await others.json()) as {total: number}).total).to.equal(0, 'another reader sees none of them');
    } finally {
      if (mine.length) await liftAll();
      localStorage.removeItem(`parley:author:${endpoint}`);
    }
  });
});
