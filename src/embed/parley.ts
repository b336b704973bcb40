/**
 * The script-tag entry, built to dist/parley.js: the comment section with everything
 * inside but the local adapter, which is dist/parley-local.js beside it, imported when a
 * widget uses it. Counters for article lists are dist/parley-count.js.
 * Mounts a `<parley-comments>` after each script tag that loads it (or into the element
 * named by `data-target`), every other `data-*` becoming the attribute of the same name.
 * Works as a classic script and as a module.
 */
import {ParleyComment} from '../components/comment/comment.js';
import {ParleyComments} from '../components/comments/comments.js';
import {ParleyForm} from '../components/form/form.js';
import {ParleyThread} from '../components/thread/thread.js';
import {register} from '../internal/register.js';
import {RestClient} from '../internal/rest-client.js';
import {localBeside, scriptUrl} from '../internal/script.js';

const MOUNTED = 'data-parley-mounted';
const OURS = /\/parley(\.min)?\.js([?#]|$)/;
const current = document.currentScript;

register({
  elements: {
    'parley-comments': ParleyComments,
    'parley-thread': ParleyThread,
    'parley-form': ParleyForm,
    'parley-comment': ParleyComment,
  },
  rest: RestClient,
  loadLocal: localBeside(scriptUrl(OURS)),
});

function mount(script: HTMLScriptElement): void {
  if (script.hasAttribute(MOUNTED)) return;
  script.setAttribute(MOUNTED, '');
  const el = document.createElement('parley-comments');
  for (const [name, value] of Object.entries(script.dataset)) {
    if (name === 'target' || name === 'parleyMounted' || value === undefined) continue;
    el.setAttribute(
      name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
      value
    );
  }
  const selector = script.dataset.target;
  const target = selector ? document.querySelector(selector) : null;
  if (selector && !target) {
    console.error(`Parley: no element matches data-target "${selector}"; mounted after the script.`);
  }
  if (target) target.append(el);
  else script.after(el);
}

/** Every script tag that loaded this file, for `type="module"`, where there is no currentScript. */
function mountAll(): void {
  for (const script of document.scripts) if (OURS.test(script.src)) mount(script);
}

if (current instanceof HTMLScriptElement) mount(current);
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll, {once: true});
else mountAll();
