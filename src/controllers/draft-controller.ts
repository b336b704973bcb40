import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Draft, DraftKey, DraftStore} from '../drafts/draft-store.js';

/** `off`: drafts turned off; `unavailable`: IndexedDB missing or failing. */
export type DraftStatus = 'off' | 'loading' | 'ready' | 'saved' | 'unavailable';

export interface DraftControllerOptions {
  /** The key of the current draft, or null while the host does not know its thread. */
  key: () => DraftKey | null;
  store: () => DraftStore | null;
  /** The text as it is in the form now. */
  read: () => {body: string; name: string};
  /** Milliseconds of quiet after typing before the draft is written. Default 400. */
  delay?: number;
  /** Called when storage fails, with the error. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps the form's text in a {@link DraftStore}: loads it for the current key, writes it
 * shortly after typing stops and at once when the page is hidden or the host leaves the
 * page, and deletes it only when told that the backend accepted the comment. Storage is
 * best effort: a failure only sets `status` to `unavailable`; the form keeps working.
 */
export class DraftController implements ReactiveController {
  status: DraftStatus = 'off';
  /** The submission in flight or failed, kept with the draft (see {@link Draft}). */
  submission: Draft['submission'] = null;

  private timer?: ReturnType<typeof setTimeout>;
  private dirty = false;
  private loadedKey = '';
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DraftControllerOptions
  ) {
    host.addController(this);
  }

  private readonly handleHide = (e: Event) => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') void this.flush();
  };

  hostConnected(): void {
    addEventListener('pagehide', this.handleHide);
    document.addEventListener('visibilitychange', this.handleHide);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.handleHide);
    document.removeEventListener('visibilitychange', this.handleHide);
    void this.flush();
  }

  private set(status: DraftStatus): void {
    if (status !== this.status) {
      this.status = status;
      this.host.requestUpdate();
    }
  }

  private fail(error: unknown): void {
    this.set('unavailable');
    this.options.onError?.(error);
  }

  /**
   * Loads the draft of the current key, once per key. Resolves to the draft, or to
   * undefined when there is none, drafts are off, or storage failed.
   */
  async load(): Promise<Draft | undefined> {
    const key = this.options.key();
    const store = this.options.store();
    const id = key ? JSON.stringify(key) : '';
    if (id === this.loadedKey) return undefined;
    this.loadedKey = id;
    this.submission = null;
    if (!key || !store) {
      this.set('off');
      return undefined;
    }
    this.set('loading');
    try {
      const draft = await store.get(key);
      if (this.loadedKey !== id) return undefined;
      this.submission = draft?.submission ?? null;
      this.set('ready');
      if (this.dirty) this.changed(); // typed while loading: write that text now
      return draft;
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  /** The form changed: write the draft after a short quiet period. */
  changed(): void {
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delay ?? 400);
  }

  /** Writes the draft now if anything changed. Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.dirty) return this.writing;
    this.dirty = false;
    return this.write();
  }

  /** Writes the draft with the current submission now (before a post). Never rejects. */
  save(): Promise<void> {
    clearTimeout(this.timer);
    this.dirty = false;
    return this.write();
  }

  private write(): Promise<void> {
    const key = this.options.key();
    const store = this.options.store();
    if (!key || !store || this.status === 'loading') {
      // Not loaded yet: writing now could replace a stored draft that was never shown.
      if (this.status === 'loading') this.dirty = true;
      return this.writing;
    }
    const {body, name} = this.options.read();
    const draft: Draft = {body, name, updatedAt: Date.now(), submission: this.submission};
    const empty = body.trim() === '' && !this.submission;
    this.writing = this.writing
      .then(() => (empty ? store.delete(key) : store.set(key, draft)))
      .then(
        () => this.set(empty ? 'ready' : 'saved'),
        (error) => this.fail(error)
      );
    return this.writing;
  }

  /** The backend accepted the comment: forget the draft and its submission. */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.dirty = false;
    this.submission = null;
    const key = this.options.key();
    const store = this.options.store();
    if (!key || !store || this.status === 'unavailable') return;
    this.writing = this.writing.then(() => store.delete(key)).then(
      () => this.set('ready'),
      (error) => this.fail(error)
    );
    return this.writing;
  }
}
