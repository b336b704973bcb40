import {expect} from '@open-wc/testing';
import type {CommentPage} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyComment} from '../../src/components/comment/comment.js';
import {ControlledAdapter, makeComment, mount, typeInto, uniqueThread, waitFor} from '../helpers.js';

/** A 1×1 PNG: as an avatar, it would load. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const hits = async (id: string) => ((await (await fetch(`/held/${id}/hits`)).json()) as {hits: number}).hits;

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
    expect(p.counter()).to.equal('95,000 characters too many');
    p.submit().click();
    await p.form().updateComplete;
    expect(p.error()).to.equal('Your comment can have at most 5,000 characters; it has 100,000.');
    expect(p.textarea().value).to.have.length(100_000);
  });

  it('counts only what a reader sees: ten zero-width spaces and fifty spaces are nothing', async () => {
    const p = await mount(new MemoryAdapter(), uniqueThread(), {noDrafts: true});
    typeInto(p.textarea(), `${'\u200B'.repeat(10)}${' '.repeat(50)}`);
    await p.form().updateComplete;
    expect(p.counter()).to.equal('0/50');
  });

  it('never puts a data:, javascript:, blob:, relative or other non-http(s) avatar URL into an img, not for a moment', async () => {
    const thread = uniqueThread();
    const [relative, protocolRelative, good] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const blob = URL.createObjectURL(new Blob([Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0))], {type: 'image/png'}));
    const hostile = [
      `data:image/png;base64,${PNG}`,
      'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
      'javascript:alert(1)',
      blob,
      `/held/${relative}?reader=tracked`, // resolved against the page, it is a request to this origin
      `//${location.host}/held/${protocolRelative}`,
      'file:///etc/passwd',
    ];
    // A picture that may be shown (held, so that it neither loads nor fails during the test).
    const allowed = `${location.origin}/held/${good}`;
    const avatars = [...hostile, allowed]; // eight: one screenful, rendered at once (ChunkedRenderController)
    const adapter = new ControlledAdapter();
    const p = await mount(adapter, thread, {noDrafts: true});
    await waitFor(() => adapter.lists.length === 1, 'list');
    try {
      // What the comments render, read in the same task as the render: before any image
      // could load, fail and be replaced by the initial.
      const root = p.thread().shadowRoot!;
      const rendered = new Promise<(string | null)[]>((resolve) => {
        const observer = new MutationObserver(() => {
          const comments = [...root.querySelectorAll<ParleyComment>('parley-comment')];
          if (comments.length < avatars.length) return;
          observer.disconnect();
          void Promise.all(comments.map((c) => c.updateComplete)).then(() =>
            resolve(comments.map((c) => c.shadowRoot!.querySelector('img')?.getAttribute('src') ?? null))
          );
        });
        observer.observe(root, {childList: true, subtree: true});
      });
      const page: CommentPage = {
        comments: avatars.map((avatarUrl, i) => makeComment(thread, i, {author: {name: `Reader ${i}`, avatarUrl}})),
        nextCursor: null,
        total: avatars.length,
      };
      adapter.lists[0].resolve(page);
      const srcs = await rendered;
      expect(srcs).to.deep.equal([...hostile.map(() => null), allowed]);
      // The initial stands in for each refused picture.
      expect(p.comments().map((c) => c.shadowRoot!.querySelector('.avatar')!.textContent.trim())).to.deep.equal([
        ...hostile.map(() => 'R'),
        '',
      ]);
      // The allowed picture was asked for (lazy: once its comment is in view); the relative ones never were.
      p.comments().at(-1)!.scrollIntoView();
      await waitFor(async () => (await hits(good)) === 1, 'the allowed picture requested');
      expect([await hits(relative), await hits(protocolRelative)]).to.deep.equal([0, 0]);
    } finally {
      URL.revokeObjectURL(blob);
      await Promise.all([relative, protocolRelative, good].map((id) => fetch(`/held/${id}/release`)));
    }
  });
});
