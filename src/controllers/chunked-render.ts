import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Renders a long list a chunk at a time: `first` items in the first frame (about a
 * screenful), then `chunk` more after each frame is painted, so that no frame is one
 * long task. The host renders `slice(items)`; `more` says whether some were left out.
 */
export class ChunkedRenderController implements ReactiveController {
  /** Whether the last `slice()` left items out. */
  more = false;
  #pending = false;
  readonly #host: ReactiveControllerHost;
  #shown: number;
  readonly #chunk: number;

  constructor(host: ReactiveControllerHost, shown = 8, chunk = 24) {
    this.#host = host;
    this.#shown = shown;
    this.#chunk = chunk;
    host.addController(this);
  }

  /** Renders every item from the next update on (a link to a comment far down). */
  showAll(): void {
    this.#shown = Infinity;
    this.#host.requestUpdate();
  }

  /** The items to render now. */
  slice<T>(items: readonly T[]): readonly T[] {
    this.more = items.length > this.#shown;
    return this.more ? items.slice(0, this.#shown) : items;
  }

  hostUpdated(): void {
    if (!this.more || this.#pending) return;
    this.#pending = true;
    // After this frame is painted, the next chunk.
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.#pending = false;
        this.#shown += this.#chunk;
        this.#host.requestUpdate();
      })
    );
  }
}
