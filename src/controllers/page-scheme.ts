import type {ReactiveController, ReactiveControllerHost} from 'lit';

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
 * Follows how dark the page behind the host is, for pages that switch to dark by a class
 * or a style and do not say `color-scheme: dark`: `light-dark()` colours would otherwise
 * pick their light side on a dark background. Looks again when the root or the body
 * change an attribute (after a frame and after transitions of up to half a second) and
 * when the system's colour scheme changes.
 */
export class PageSchemeController implements ReactiveController {
  scheme: 'light' | 'dark' | null = null;
  // Made on connection: a server-side render constructs elements without a DOM.
  private observer?: MutationObserver;
  private media?: MediaQueryList;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    const observer = (this.observer ??= new MutationObserver(() => this.soon()));
    for (const el of [document.documentElement, document.body as HTMLElement | null])
      if (el) observer.observe(el, {attributes: true});
    (this.media ??= matchMedia('(prefers-color-scheme: dark)')).addEventListener('change', this.check);
    this.soon();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.media?.removeEventListener('change', this.check);
    clearTimeout(this.timer);
  }

  private soon(): void {
    requestAnimationFrame(this.check);
    clearTimeout(this.timer);
    this.timer = setTimeout(this.check, 500);
  }

  private readonly check = (): void => {
    const scheme = this.host.isConnected ? pageScheme(this.host) : this.scheme;
    if (scheme === this.scheme) return;
    this.scheme = scheme;
    this.host.requestUpdate();
  };
}
