import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Calls `onNear` once, when the host comes within about a screen of the viewport, so
 * that what it shows is fetched before the reader gets there, and not at all if they
 * never do. Watching stops when the host is disconnected.
 */
export class NearViewportController implements ReactiveController {
  #observer?: IntersectionObserver;

  readonly #host: ReactiveControllerHost & Element;
  readonly #onNear: () => void;

  constructor(host: ReactiveControllerHost & Element, onNear: () => void) {
    this.#host = host;
    this.#onNear = onNear;
    host.addController(this);
  }

  /** Starts watching (again). */
  watch(): void {
    this.hostDisconnected();
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.hostDisconnected();
        this.#onNear();
      },
      {rootMargin: '100% 0px'}
    );
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
