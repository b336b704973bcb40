import {expect} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {makeComment, mount, typeInto, uniqueThread, waitFor} from '../helpers.js';

describe('hostile input', () => {
  it('isolates bidi overrides in names and keeps odd characters as inert text', async () => {
    const thread = uniqueThread();
    const tower = `Z${'\u0300\u0301\u0302\u0303'.repeat(100)}`;
    const seed = {
      [thread]: [
        makeComment(thread, 1, {
          author: {name: '\u202Egnp.exe\u202C Mallory'},
          body: 'NUL\0 here, lone \uD800 surrogate, zero\u200Bwidth',
        }),
        makeComment(thread, 2, {author: {name: 'Tower'}, body: tower}),
      ],
    };
    const p = await mount(new MemoryAdapter({seed}), thread, {noDrafts: true});
    await waitFor(() => p.comments().length === 2, 'comments');
    const [first, second] = p.comments().map((c) => c.shadowRoot!);
    const name = first.querySelector('.name')!;
    expect(name.localName).to.equal('bdi');
    expect(name.textContent).to.equal('\u202Egnp.exe\u202C Mallory');
    expect(first.querySelector('.body')!.textContent).to.equal('NUL\0 here, lone \uD800 surrogate, zero\u200Bwidth');
    expect(first.querySelector('.body')!.getAttribute('dir')).to.equal('auto');
    // A tower of combining marks stays inside its comment.
    const article = second.querySelector('article')!;
    expect(getComputedStyle(article).overflow).to.equal('clip');
    const box = article.getBoundingClientRect();
    const next = p.el.shadowRoot!.querySelector('.note')!.getBoundingClientRect();
    expect(box.bottom).to.be.at.most(next.top);
  });

  it('counts a 100 kB paste at once and refuses it above max-length', async () => {
    const p = await mount(new MemoryAdapter(), uniqueThread(), {noDrafts: true});
    await waitFor(() => p.threadText().includes('No comments yet'), 'empty');
    typeInto(p.nameInput(), 'Paster');
    typeInto(p.textarea(), 'a'.repeat(100_000));
    await p.form().updateComplete;
    expect(p.counter()).to.equal('95000 characters too many');
    p.submit().click();
    await p.form().updateComplete;
    expect(p.error()).to.equal('Your comment can have at most 5000 characters; it has 100000.');
    expect(p.textarea().value).to.have.length(100_000);
  });

  it('counts only what a reader sees: ten zero-width spaces and fifty spaces are nothing', async () => {
    const p = await mount(new MemoryAdapter(), uniqueThread(), {noDrafts: true});
    typeInto(p.textarea(), `${'\u200B'.repeat(10)}${' '.repeat(50)}`);
    await p.form().updateComplete;
    expect(p.counter()).to.equal('0/50');
  });
});
