/**
 * The script-tag entry, built to dist/parley.js with everything inside. Mounts a
 * `<parley-comments>` after each script tag that loads it (or into the element named by `data-target`), every other `data-*`
 * becoming the attribute of the same name. Works as a classic script and as a module.
 */
import './define.js';

const MOUNTED = 'data-parley-mounted';

function mount(script: HTMLScriptElement): void {
  if (script.hasAttribute(MOUNTED)) return;
  script.setAttribute(MOUNTED, '');
  const el = document.createElement('parley-comments');
  for (const [name, value] of Object.entries(script.dataset)) {
    if (name === 'target' || name === 'parleyMounted' || value === undefined) continue;
    el.setAttribute(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
  }
  const selector = script.dataset.target;
  const target = selector ? document.querySelector(selector) : null;
  if (selector && !target) {
    console.error(`Parley: data-target "${selector}" matches no element; mounting after the script instead.`);
  }
  if (target) target.append(el);
  else script.after(el);
}

/** Every script tag that loaded this file, for `type="module"`, where there is no currentScript. */
function mountAll(): void {
  for (const script of document.querySelectorAll<HTMLScriptElement>(`script[src]:not([${MOUNTED}])`)) {
    if (/\/parley(\.min)?\.js([?#]|$)/.test(script.src)) mount(script);
  }
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) mount(current);
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll, {once: true});
else mountAll();
