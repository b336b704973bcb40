import {expect, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {ParleyError} from '../../src/adapters/adapter.js';
import {ParleyForm} from '../../src/components/form/form.js';
import type {ParleyPostedEvent} from '../../src/events.js';
import {ControlledAdapter, makeComment, mount, typeInto, uniqueThread, waitFor} from '../helpers.js';
import type {Parts} from '../helpers.js';

const FIFTY = `Fifty characters: ${'x'.repeat(32)}`;

async function ready(adapter = new ControlledAdapter(), opts = {}) {
  const thread = uniqueThread('form');
  const p = await mount(adapter, thread, {noDrafts: true, ...opts});
  await waitFor(() => adapter.lists.length === 1, 'first list');
  adapter.lists[0].resolve({comments: [], nextCursor: null, total: 0});
  await waitFor(() => p.threadText().includes('No comments yet'), 'empty thread');
  return {...p, adapter, threadId: thread};
}

async function fill(p: Parts, name: string, body: string) {
  typeInto(p.nameInput(), name);
  typeInto(p.textarea(), body);
  await p.form().updateComplete;
}

/** What the counter's live region says: the text put into it each time it changes. */
function spokenCounts(p: Parts) {
  const region = p.form().shadowRoot!.querySelector('.counter-status')!;
  expect(region.getAttribute('role')).to.equal('status');
  const texts: string[] = [];
  const observer = new MutationObserver(() => {
    const text = region.textContent.trim();
    if (text) texts.push(text);
  });
  observer.observe(region, {subtree: true, childList: true, characterData: true});
  return {texts, stop: () => observer.disconnect()};
}

describe('<parley-form>', () => {
  it('is defined and labels both fields', async () => {
    expect(customElements.get('parley-form')).to.equal(ParleyForm);
    const p = await ready();
    const root = p.form().shadowRoot!;
    expect(root.querySelector('label[for="name"]')!.textContent).to.equal('Name');
    expect(root.querySelector('label[for="body"]')!.textContent).to.equal('Comment');
    expect(root.querySelector('h3')!.textContent).to.equal('Leave a Comment');
    expect(root.textContent).to.include('Minimum 50 characters');
    expect(p.counter()).to.equal('0/50');
  });

  it('follows the min-length attribute', async () => {
    const p = await ready(new ControlledAdapter(), {minLength: 10});
    expect(p.counter()).to.equal('0/10');
    expect(p.form().shadowRoot!.textContent).to.include('Minimum 10 characters');
  });

  it('counts user-perceived characters while the reader types', async () => {
    const p = await ready();
    p.textarea().focus();
    await sendKeys({type: 'Hello'});
    await p.form().updateComplete;
    expect(p.counter()).to.equal('5/50');
    await sendKeys({type: ' there'});
    await p.form().updateComplete;
    expect(p.counter()).to.equal('11/50');
    typeInto(p.textarea(), '  👍🏽👨‍👩‍👧‍👦e\u0301한  ');
    await p.form().updateComplete;
    expect(p.counter()).to.equal('4/50');
  });

  it('blocks 49 characters, says why, and sends 50', async () => {
    const p = await ready();
    await fill(p, 'Priya S', FIFTY.slice(0, 49));
    expect(p.counter()).to.equal('49/50');
    expect(p.submit().getAttribute('aria-disabled')).to.equal('true');
    p.submit().click();
    await p.form().updateComplete;
    expect(p.adapter.posts).to.have.length(0);
    expect(p.error()).to.equal('Your comment needs at least 50 characters; it has 49.');
    expect(p.form().shadowRoot!.querySelector('.error')!.getAttribute('role')).to.equal('alert');
    expect(p.textarea().validity.valid).to.equal(false);

    typeInto(p.textarea(), FIFTY);
    await p.form().updateComplete;
    expect(p.counter()).to.equal('4,950 characters left');
    expect(p.submit().getAttribute('aria-disabled')).to.equal('false');
    expect(p.error()).to.equal('');
    p.submit().click();
    await waitFor(() => p.adapter.posts.length === 1, 'post');
    expect(p.adapter.posts[0].input).to.deep.equal({author: {name: 'Priya S'}, body: FIFTY, parentId: null});
  });

  it('blocks a body above max-length', async () => {
    const p = await ready(new ControlledAdapter(), {maxLength: 60});
    await fill(p, 'Priya S', 'x'.repeat(61));
    expect(p.counter()).to.equal('1 character too many');
    p.submit().click();
    await p.form().updateComplete;
    expect(p.adapter.posts).to.have.length(0);
    expect(p.error()).to.equal('Your comment can have at most 60 characters; it has 61.');
  });

  it('keeps the counter out of every live region: a screen reader does not read each keystroke', async () => {
    const p = await ready();
    const counter = p.form().shadowRoot!.querySelector<HTMLElement>('#counter')!;
    // The counter is read with the field (aria-describedby), not as it changes.
    expect(p.textarea().getAttribute('aria-describedby')!.split(' ')).to.include('counter');
    const live = (el: Element) =>
      (el.getAttribute('aria-live') ?? 'off') !== 'off' ||
      ['alert', 'log', 'marquee', 'status', 'timer'].includes(el.getAttribute('role') ?? '') ||
      el.localName === 'output';
    // The counter and each of its ancestors, across shadow roots, up to the document.
    const up = (el: Element) => {
      const root = el.getRootNode();
      return el.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    };
    const chain: string[] = [];
    for (let el: Element | null = counter; el; el = up(el)) if (live(el)) chain.push(`${el.localName}#${el.id}`);
    expect(chain, 'live regions holding the counter').to.deep.equal([]);
  });

  it('says how many characters are needed or left once the reader pauses, not on every keystroke (GOV.UK)', async () => {
    const p = await ready(new ControlledAdapter(), {maxLength: 60});
    const said = spokenCounts(p);
    try {
      p.textarea().focus();
      await sendKeys({type: 'Hello'});
      await p.form().updateComplete;
      // The visible count follows at once; the live region waits for a pause.
      expect(p.counter()).to.equal('5/50');
      expect(said.texts).to.deep.equal([]);
      await waitFor(() => said.texts.length === 1, 'the count spoken after a pause', 3000);
      expect(said.texts).to.deep.equal(['45 more characters needed']);
      // Typing on, a key at a time faster than the pause: nothing is said until it stops.
      for (const key of 'a'.repeat(45)) {
        await sendKeys({type: key});
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(said.texts).to.have.length(1);
      await waitFor(() => said.texts.length === 2, 'the second pause', 3000);
      expect(said.texts[1]).to.equal('Minimum length reached. 10 characters left');
      await sendKeys({type: 'b'.repeat(12)});
      await waitFor(() => said.texts.length === 3, 'over the maximum', 3000);
      expect(p.counter()).to.equal('2 characters too many');
      expect(said.texts[2]).to.equal('2 characters too many');
    } finally {
      said.stop();
    }
  });

  it('never says the same count twice in a row', async () => {
    const p = await ready(new ControlledAdapter(), {maxLength: 60});
    const said = spokenCounts(p);
    try {
      typeInto(p.textarea(), 'a'.repeat(20));
      await waitFor(() => said.texts.length === 1, 'the first count', 3000);
      // Changed and changed back within the pause: the same value, not said again.
      typeInto(p.textarea(), 'a'.repeat(21));
      typeInto(p.textarea(), 'a'.repeat(20));
      await new Promise((r) => setTimeout(r, 1300));
      expect(said.texts).to.deep.equal(['30 more characters needed']);
      typeInto(p.textarea(), 'a'.repeat(49));
      await waitFor(() => said.texts.length === 2, 'the next count', 3000);
      expect(said.texts).to.deep.equal(['30 more characters needed', '1 more character needed']);
    } finally {
      said.stop();
    }
  });

  it('requires a name', async () => {
    const p = await ready();
    await fill(p, '   ', FIFTY);
    p.submit().click();
    await p.form().updateComplete;
    expect(p.error()).to.equal('Please enter your name.');
    expect(p.adapter.posts).to.have.length(0);
  });

  it('shows the comment as sending at once, then as the server returned it', async () => {
    const p = await ready();
    await fill(p, 'Priya S', `  ${FIFTY}  `);
    p.submit().click();
    await waitFor(() => p.adapter.posts.length === 1, 'post');
    const sending = await waitFor(() => p.comments()[0], 'optimistic comment');
    expect(sending.hasAttribute('sending')).to.equal(true);
    expect(sending.shadowRoot!.textContent).to.include('Sending…');
    expect(p.submit().getAttribute('aria-busy')).to.equal('true');

    const posted = oneEvent<ParleyPostedEvent>(p.el, 'parley-posted');
    const server = makeComment(p.threadId, 1, {id: 'server-1', author: {name: 'Priya S'}, body: FIFTY, status: 'pending'});
    p.adapter.posts[0].resolve(server);
    const event = await posted;
    expect(event.detail.comment).to.deep.equal(server);
    await waitFor(() => !p.comments()[0]?.hasAttribute('sending'), 'confirmed comment');
    expect(p.comments()).to.have.length(1);
    expect(p.comments()[0].shadowRoot!.textContent).to.include('Awaiting moderation');
    expect(p.textarea().value).to.equal('');
    expect(p.nameInput().value).to.equal('Priya S');
    expect(p.heading()).to.include('1 comment');
  });

  it('keeps the text after a failure, says why, and retries with the same key', async () => {
    const p = await ready();
    await fill(p, 'Priya S', FIFTY);
    const failed = oneEvent(p.el, 'parley-error');
    p.submit().click();
    await waitFor(() => p.adapter.posts.length === 1, 'post');
    p.adapter.posts[0].reject(new ParleyError('server', 'boom', {status: 500}));
    const event = await failed;
    expect(event.detail.action).to.equal('post');
    expect(event.detail.error).to.be.instanceOf(ParleyError);
    await waitFor(() => p.error(), 'error message');
    expect(p.error()).to.equal('The comment server had a problem. Your text is kept; try again.');
    expect(p.textarea().value).to.equal(FIFTY);
    expect(p.comments()).to.have.length(0);

    p.submit().click();
    await waitFor(() => p.adapter.posts.length === 2, 'second post');
    expect(p.adapter.posts[1].key).to.equal(p.adapter.posts[0].key);
    p.adapter.posts[1].reject(new ParleyError('rate_limited', 'slow down', {retryAfter: 30}));
    await waitFor(() => p.error().includes('30 seconds'), 'rate limit message');

    typeInto(p.textarea(), `${FIFTY} Edited.`);
    p.submit().click();
    await waitFor(() => p.adapter.posts.length === 3, 'third post');
    expect(p.adapter.posts[2].key).not.to.equal(p.adapter.posts[0].key);
  });

  it('sends once on a double click', async () => {
    const p = await ready();
    await fill(p, 'Priya S', FIFTY);
    p.submit().click();
    p.submit().click();
    await waitFor(() => p.adapter.posts.length === 1, 'post');
    p.submit().click();
    await new Promise((r) => setTimeout(r, 50));
    expect(p.adapter.posts).to.have.length(1);
  });

  it('lets a listener cancel parley-submit', async () => {
    const p = await ready();
    await fill(p, 'Priya S', FIFTY);
    p.el.addEventListener('parley-submit', (e) => e.preventDefault(), {once: true});
    p.submit().click();
    await new Promise((r) => setTimeout(r, 50));
    expect(p.adapter.posts).to.have.length(0);
    expect(p.textarea().value).to.equal(FIFTY);
  });

  it('fires nothing when the body is set from code', async () => {
    const p = await ready();
    let events = 0;
    for (const type of ['parley-submit', 'parley-posted', 'parley-error']) p.el.addEventListener(type, () => events++);
    p.form().body = FIFTY;
    await p.form().updateComplete;
    await p.form().updateComplete;
    expect(p.textarea().value).to.equal(FIFTY);
    expect(p.counter()).to.equal('4,950 characters left');
    expect(events).to.equal(0);
  });

  it('sends with Ctrl+Enter from the text area', async () => {
    const p = await ready();
    await fill(p, 'Priya S', FIFTY);
    p.textarea().focus();
    await sendKeys({down: 'Control'});
    await sendKeys({press: 'Enter'});
    await sendKeys({up: 'Control'});
    await waitFor(() => p.adapter.posts.length === 1, 'post');
  });
});
