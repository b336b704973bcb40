import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ThreadStore} from '../thread-store.js';

/**
 * Re-renders its host whenever the thread store it follows changes, and only then,
 * subscribed while the host is connected.
 */
export class StoreController implements ReactiveController {
  #store?: ThreadStore;
  #stop?: () => void;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  /** Follows `store` from now on. */
  follow(store: ThreadStore): void {
    if (store === this.#store) return;
    this.hostDisconnected();
    this.#store = store;
    if (this.host.isConnected) this.hostConnected();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#stop ??= this.#store?.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
