/**
 * The script tag's file, built to dist/parley.js. It mounts a `<parley-comments>` after
 * each script tag that loads it (or into the element named by `data-target`), every other
 * `data-*` becoming the attribute of the same name, and imports the elements from
 * dist/parley-widget.js beside it; `<parley-form>` follows in dist/parley-form.js, and the
 * local adapter, when a widget uses it, in dist/parley-local.js. The elements upgrade as
 * they arrive: a page can set properties on the mounted element at once.
 * Works as a classic script and as a module; loading it twice is harmless.
 */
import {scriptUrl} from '../internal/script.js';

const MOUNTED = 'data-parley-mounted';
const OURS = /\/parley(\.min)?\.js([?#]|$)/;
const current = document.currentScript;
const widget = new URL('parley-widget.js', scriptUrl(OURS)).href;

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

import(widget).catch((error: unknown) => console.error(`Parley: ${widget} could not be loaded (${String(error)}).`));
