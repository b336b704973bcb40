// How dark the page behind an element is, for pages that switch to dark by a class or a
// style and do not say `color-scheme: dark` (`light-dark()` colours would otherwise pick
// their light side on a dark background), and following it as it changes. Fetched by
// <parley-comments> on connection, not waited for: it first looks a frame later anyway.

/** The red, green and blue (0–1) and alpha of a computed colour, or null for a form we do not read. */
function channels(value: string): number[] | null {
  const n = value.match(/[\d.]+/g)?.map(Number);
  if (!n || n.length < 3) return null;
  const [r, g, b, a = 1] = n as [number, number, number, number?];
  if (value.startsWith('rgb')) return [r / 255, g / 255, b / 255, a];
  return value.startsWith('color(srgb') ? [r, g, b, a] : null;
}

/** The parent of `node`, across shadow roots. */
function up(node: Element): Element | null {
  const root = node.getRootNode();
  return node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
}

/** Relative luminance (WCAG 2) of a colour's channels. */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Whether the page behind `el` is dark or light, from the first opaque background of it or
 * of an ancestor, else from the text colour it inherits; null when neither says.
 * Black and white text have the same contrast on a background of luminance 0.18.
 */
export function pageScheme(el: Element): 'light' | 'dark' | null {
  for (let node: Element | null = el; node; node = up(node)) {
    const bg = channels(getComputedStyle(node).backgroundColor);
    if (bg && bg[3] >= 0.5) return luminance(bg) < 0.18 ? 'dark' : 'light';
  }
  const text = channels(getComputedStyle(el).color);
  return text && luminance(text) > 0.5 ? 'dark' : null;
}

/**
 * Calls `set` with how dark the page behind `host` is now, and again when the root or
 * the body change an attribute (after a frame and after transitions of up to half a
 * second) and when the system's colour scheme changes. Returns the function that stops.
 */
export function watchScheme(host: Element, set: (scheme: 'light' | 'dark' | null) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => host.isConnected && set(pageScheme(host));
  const soon = () => {
    requestAnimationFrame(check);
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  };
  const observer = new MutationObserver(soon);
  for (const el of [document.documentElement, document.body as HTMLElement | null])
    if (el) observer.observe(el, {attributes: true});
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', check);
  soon();
  return () => {
    observer.disconnect();
    media.removeEventListener('change', check);
    clearTimeout(timer);
  };
}
