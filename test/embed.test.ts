import './setup.js';
import {expect} from '@open-wc/testing';
import {addScript, waitFor} from './plain-helpers.js';

// dist/parley.js as a publisher uses it: a script tag with data-* attributes.
// Needs `npm run build` first (npm test does that).

/** The text of the thread inside a mounted `<parley-comments>`. */
const threadText = (el: Element) => el.shadowRoot?.querySelector('parley-thread')?.shadowRoot?.textContent ?? '';
const localLoads = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('parley-local.js'));

describe('dist/parley.js', () => {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  it('talking to a backend, never downloads the local adapter', async () => {
    const thread = `embed/rest/${Math.random().toString(36).slice(2)}`;
    const script = await addScript({
      src: '/dist/parley.js?rest',
      'data-thread': thread,
      'data-endpoint': '/api/v1',
      'data-eager': '',
    });
    const el = script.nextElementSibling!;
    await waitFor(() => threadText(el).includes('No comments yet'), 'the empty thread from the backend');
    expect(localLoads()).to.have.length(0);
  });

  it('mounts after its script tag, mapping every data-* to an attribute', async () => {
    const script = await addScript({
      src: '/dist/parley.js',
      'data-thread': 'embed/one',
      'data-adapter': 'local',
      'data-min-length': '20',
      'data-page-size': '5',
    });
    const el = script.nextElementSibling as HTMLElement & {minLength: number; pageSize: number};
    expect(el.localName).to.equal('parley-comments');
    expect(el.getAttribute('thread')).to.equal('embed/one');
    expect(el.getAttribute('adapter')).to.equal('local');
    expect(el.minLength).to.equal(20);
    expect(el.pageSize).to.equal(5);
  });

  it('speaks the language of data-locale, downloading that catalogue and no other', async () => {
    const script = await addScript({
      src: '/dist/parley.js?de',
      'data-thread': `embed/de/${Math.random().toString(36).slice(2)}`,
      'data-adapter': 'local',
      'data-locale': 'de',
      'data-eager': '',
    });
    const el = script.nextElementSibling!;
    await waitFor(() => threadText(el).includes('Noch keine Kommentare'), 'the German empty thread');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.include('Leserkommentare');
    const catalogues = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((path) => path.includes('parley-lang-'));
    expect(catalogues).to.deep.equal(['/dist/parley-lang-de.js']);
    el.remove(); // the tests below count the sections mounted
    script.remove();
  });

  it('defines the elements from dist/parley-widget.js, and the form from dist/parley-form.js', async () => {
    await customElements.whenDefined('parley-form');
    const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    for (const file of ['/dist/parley-widget.js', '/dist/parley-form.js']) expect(loaded).to.include(file);
  });

  it('on a fresh page, a script right after the tag finds the element and its properties are kept', async () => {
    // What a publisher writes: the tag, then their own script, before any element is defined.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body>
      <script src="/dist/parley.js" data-thread="embed/early" data-adapter="local"></script>
      <script>
        const el = document.querySelector('parley-comments');
        window.defined = customElements.get('parley-comments') !== undefined;
        el.strings = {heading: 'Letters to the editor'};
      </script>`;
    document.body.append(frame);
    try {
      const win = () => frame.contentWindow as Window & {defined?: boolean};
      const heading = () => win()?.document.querySelector('parley-comments')?.shadowRoot?.querySelector('h2')?.textContent ?? '';
      await waitFor(() => heading().includes('Letters to the editor'), 'the heading the page set');
      expect(win().defined).to.equal(false, 'the property was set before the element was defined');
    } finally {
      frame.remove();
    }
  });

  it('imports dist/parley-local.js from beside itself when a widget uses the local adapter', async () => {
    const el = document.querySelector('parley-comments[thread="embed/one"]')!;
    await waitFor(() => threadText(el).includes('No comments yet'), 'the empty local thread');
    expect(localLoads().map((e) => new URL(e.name).pathname)).to.deep.equal(['/dist/parley-local.js']);
  });

  it('loads twice without throwing and mounts each tag once', async () => {
    const target = Object.assign(document.createElement('div'), {id: 'comments-here'});
    document.body.append(target);
    await addScript({
      src: '/dist/parley.js?again',
      'data-thread': 'embed/two',
      'data-adapter': 'local',
      'data-target': '#comments-here',
    });
    expect(target.querySelectorAll('parley-comments')).to.have.length(1);
    expect(target.querySelector('parley-comments')!.getAttribute('thread')).to.equal('embed/two');
    expect(document.querySelectorAll('parley-comments')).to.have.length(3);
    expect(errors).to.deep.equal([]);
  });

  it('works as a module script too', async () => {
    await addScript({src: '/dist/parley.js?module', 'data-thread': 'embed/three', 'data-adapter': 'local'}, 'module');
    const mounted = [...document.querySelectorAll('parley-comments')].map((e) => e.getAttribute('thread'));
    expect(mounted).to.include('embed/three');
    expect(mounted.filter((t) => t === 'embed/one')).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });
});
