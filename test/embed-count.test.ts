import './setup.js';
import {expect} from '@open-wc/testing';
import {addScript, waitFor} from './plain-helpers.js';

// dist/parley-count.js as a publisher uses it on an article list, against the real test
// backend (/api/v1). Needs `npm run build` first (npm test does that). The elements come
// from the script, not from src/, so this file imports no helper that defines them.

async function post(thread: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const response = await fetch(`/api/v1/threads/${encodeURIComponent(thread)}/comments`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID()},
      body: JSON.stringify({author: {name: 'Lars'}, body: `Comment number ${i} on this article, long enough to pass.`}),
    });
    expect(response.status).to.equal(201);
  }
}

const countRequests = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/counts')).length;
const text = (el: Element) => el.shadowRoot?.textContent?.trim() ?? '';

describe('dist/parley-count.js', () => {
  const run = Math.random().toString(36).slice(2);
  const [a, b, none] = ['a', 'b', 'none'].map((t) => `list/${run}/${t}`);

  before(async () => {
    await post(a, 2);
    await post(b, 1);
  });

  it('fills every counter of an article list with one counts request, and mounts no comment section', async () => {
    const list = document.createElement('ul');
    list.innerHTML = [a, b, a, none]
      .map((t) => `<li><a href="#">Story</a> <parley-count thread="${t}" endpoint="/api/v1"></parley-count></li>`)
      .join('');
    document.body.append(list);
    const before = countRequests();
    await addScript({src: '/dist/parley-count.js'});
    const counters = [...list.querySelectorAll('parley-count')];
    await waitFor(() => counters.every((c) => text(c) !== ''), 'the counts');
    expect(counters.map(text)).to.deep.equal(['2 comments', '1 comment', '2 comments', '0 comments']);
    expect(countRequests() - before).to.equal(1);
    expect(document.querySelector('parley-comments')).to.equal(null);
    expect(customElements.get('parley-comments')).to.equal(undefined);
  });

  it('loads again, as a module and beside dist/parley.js, without throwing', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
    window.addEventListener('error', onError);
    try {
      await addScript({src: '/dist/parley-count.js?again'});
      await addScript({src: '/dist/parley-count.js?module'}, 'module');
      await addScript({src: '/dist/parley.js?beside'});
      const late = Object.assign(document.createElement('parley-count'), {}) as HTMLElement;
      late.setAttribute('thread', b);
      late.setAttribute('endpoint', '/api/v1');
      document.body.append(late);
      await waitFor(() => text(late), 'a counter added later');
      expect(text(late)).to.equal('1 comment');
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('speaks the language of the page: its catalogue comes from beside the script, once', async () => {
    await addScript({src: '/dist/parley-count.js'});
    const list = document.createElement('div');
    list.lang = 'de-AT';
    list.innerHTML = `<parley-count thread="${a}" endpoint="/api/v1"></parley-count>
      <parley-count thread="${b}" endpoint="/api/v1"></parley-count>
      <parley-count thread="${b}" endpoint="/api/v1" locale="ar"></parley-count>`;
    document.body.append(list);
    const counters = [...list.querySelectorAll('parley-count')];
    await waitFor(() => counters.every((c) => text(c) !== ''), 'the counts');
    expect(counters.slice(0, 2).map(text)).to.deep.equal(['2 Kommentare', '1 Kommentar']);
    expect(text(counters[2])).to.not.match(/comment/i);
    expect(counters[2].shadowRoot!.querySelector('[part="count"]')!.getAttribute('lang')).to.equal('ar');
    const fetched = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(fetched.filter((p) => p === '/dist/parley-lang-de.js')).to.have.length(1);
    expect(fetched).to.include('/dist/parley-lang-ar.js');
    list.remove();
  });
});
