import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ParleyCount} from '../../src/components/count/count.js';
import {makeComment, uniqueThread, waitFor} from '../helpers.js';

describe('<parley-count>', () => {
  it('shows each thread’s count, with one request for the whole page', async () => {
    const t1 = uniqueThread();
    const t2 = uniqueThread();
    const adapter = new MemoryAdapter({seed: {[t1]: [makeComment(t1, 1), makeComment(t1, 2)], [t2]: [makeComment(t2, 1)]}});
    const calls: string[][] = [];
    const count = adapter.count.bind(adapter);
    adapter.count = (threads, o) => {
      calls.push(threads);
      return count(threads, o);
    };
    const list = await fixture(
      html`<div>
        <parley-count .adapter=${adapter} thread=${t1}></parley-count>
        <parley-count .adapter=${adapter} thread=${t2}></parley-count>
        <parley-count .adapter=${adapter} thread=${t1}></parley-count>
      </div>`
    );
    const counts = [...list.querySelectorAll<ParleyCount>('parley-count')];
    const text = () => counts.map((c) => c.shadowRoot!.textContent.trim());
    await waitFor(() => text().every((t) => t !== ''), 'counts');
    expect(text()).to.deep.equal(['2 comments', '1 comment', '2 comments']);
    expect(calls).to.deep.equal([[t1, t2]]);
  });
});
