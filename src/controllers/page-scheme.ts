import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Follows how dark the page behind the host is, for pages that switch to dark by a class
 * or a style and do not say `color-scheme: dark`: `light-dark()` colours would otherwise
 * pick their light side on a dark background. The looking (page-scheme-watch.ts) is
 * fetched on connection, and starts a frame later, as it always did: the first paint
 * never waits for it.
 */
export class PageSchemeController implements ReactiveController {
  scheme: 'light' | 'dark' | null = null;
  private stop?: () => void;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    import('./page-scheme-watch.js').then(
      ({watchScheme}) => {
        if (!this.connected || this.stop) return;
        this.stop = watchScheme(this.host, (scheme) => {
          if (scheme === this.scheme) return;
          this.scheme = scheme;
          this.host.requestUpdate();
        });
      },
      (error: unknown) => console.warn(`Parley: the page's colour scheme cannot be followed (${String(error)}).`)
    );
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop?.();
    this.stop = undefined;
  }
}
