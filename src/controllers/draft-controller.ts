import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Draft, DraftKey, DraftStore, DraftText} from '../drafts/draft-store.js';
import {forget, journal, ownEntry, unsaved} from '../drafts/journal.js';
import {uuid} from '../internal/id.js';

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
 * page, and deletes it only when told that the backend accepted the comment. Until the
 * store has it, every keystroke's text is also in the synchronous journal (journal.ts),
 * so a reload or a closed tab just after typing loses nothing; loading takes the newer
 * of the two.
 *
 * Two tabs may edit one draft. Every write checks, in the same transaction, whether
 * another tab wrote since this one last read or wrote; if so, the other text is kept
 * beside this one as `other` instead of being overwritten, and the form offers it.
 *
 * Storage is best effort: a failure only sets `status` to `unavailable`.
 */
export class DraftController implements ReactiveController {
  status: DraftStatus = 'off';
  /** The submission in flight or failed, kept with the draft (see {@link Draft}). */
  submission: Draft['submission'] = null;
  /** Text another tab wrote for this draft, kept rather than overwritten. */
  other: DraftText | null = null;

  private timer?: ReturnType<typeof setTimeout>;
  private dirty = false;
  private loadedKey = '';
  /** The revision this tab last read or wrote. */
  private rev?: string;
  private writing: Promise<void> = Promise.resolve();
  /** When this tab last journaled; its entry goes once the store has that text. */
  private journaled = 0;
  /** Other tabs' unsaved texts taken in as `other`: forgotten once the store has it. */
  private absorbed: string[] = [];

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
    this.other = null;
    this.rev = undefined;
    if (!key || !store) {
      this.set('off');
      return undefined;
    }
    this.set('loading');
    let draft: Draft | undefined;
    let failed = false;
    try {
      draft = await store.get(key);
    } catch (error) {
      failed = true;
      this.fail(error);
    }
    if (this.loadedKey !== id) return undefined;
    this.submission = draft?.submission ?? null;
    this.other = draft?.other ?? null;
    this.rev = draft?.rev;
    if (!failed) this.set('ready');
    const text = this.recover(key, draft);
    if (this.dirty) this.changed(); // typed while loading, or recovered: write that text now
    return text;
  }

  /**
   * The draft as this tab should show it: the store's, unless the journal holds newer text.
   * This tab's own unsaved text (from before a reload) wins and is written to the store; the store's
   * text, if another tab changed it meanwhile, is then kept as `other`. Another tab's
   * unsaved text is shown when nobody wrote since it was typed, and kept as `other` when
   * someone did: two tabs never overwrite each other, whichever of them went away.
   */
  private recover(key: DraftKey, draft: Draft | undefined): Draft | undefined {
    const stored = draft?.updatedAt ?? 0;
    const entries = unsaved(key).filter((e) => {
      if (e.updatedAt > stored) return true;
      forget(key, e.tab); // the store has newer text
      return false;
    });
    const differs = (a: DraftText | undefined, b: DraftText) => a?.body !== b.body && b.body.trim() !== '';
    const own = entries.find(ownEntry);
    const text = own ?? entries.at(0);
    if (!text) return draft;
    const latest = {...draft, body: text.body, name: text.name, updatedAt: text.updatedAt};
    if (own) {
      if (draft && own.base !== draft.rev && differs(own, draft)) this.other = pick(draft);
      this.dirty = true;
      return latest;
    }
    if (text.base === draft?.rev) return latest;
    if (differs(draft, text)) {
      this.other = pick(text);
      this.absorbed.push(text.tab);
      this.dirty = true;
    }
    return draft;
  }

  /** The form changed: write the draft after a short quiet period, and journal it now. */
  changed(): void {
    this.dirty = true;
    const key = this.options.key();
    if (key && this.options.store()) {
      this.journaled = Date.now();
      journal(key, {...this.options.read(), updatedAt: this.journaled, base: this.rev});
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delay ?? 400);
  }

  /** Writes the draft now if anything changed. Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.dirty) return this.writing;
    return this.save();
  }

  /** Writes the draft with the current submission and `other` now. Never rejects. */
  save(): Promise<void> {
    clearTimeout(this.timer);
    if (this.status === 'loading') {
      // Not loaded yet: writing now could replace a stored draft that was never shown.
      this.dirty = true;
      return this.writing;
    }
    this.dirty = false;
    const {body, name} = this.options.read();
    const empty = body.trim() === '' && !this.submission && !this.other;
    const journaled = this.journaled;
    const absorbed = this.absorbed.splice(0);
    return this.write(
      (stored, foreign) => {
        if (empty) return foreign ? stored! : null;
        // Another tab wrote different text since we last looked: keep it beside ours.
        const other = foreign && stored!.body.trim() !== '' && stored!.body !== body ? pick(stored!) : this.other;
        return {body, name, updatedAt: Date.now(), submission: this.submission, other};
      },
      (key) => {
        // The store has it now: the journal need not.
        if (this.journaled === journaled) forget(key);
        for (const tab of absorbed) forget(key, tab);
      }
    );
  }

  /** The backend accepted `body`: forget the draft, but never another tab's text. */
  clear(body: string): Promise<void> {
    clearTimeout(this.timer);
    this.dirty = false;
    this.submission = null;
    const key = this.options.key();
    if (key) forget(key); // sent: a reload must not bring it back
    const {name} = this.options.read();
    return this.write((stored, foreign) => {
      if (foreign && stored!.body !== body) return stored!;
      return this.other ? {body: '', name, updatedAt: Date.now(), submission: null, other: this.other} : null;
    });
  }

  /** Swaps the text in the form with the other tab's; returns the text to show. */
  takeOther(): DraftText | null {
    const other = this.other;
    if (!other) return null;
    const {body, name} = this.options.read();
    this.other = body.trim() ? {body, name, updatedAt: Date.now()} : null;
    this.changed();
    this.host.requestUpdate();
    return other;
  }

  /** Drops the other tab's text. */
  discardOther(): void {
    this.other = null;
    this.changed();
    this.host.requestUpdate();
  }

  private write(
    next: (stored: Draft | undefined, foreign: boolean) => Draft | null,
    committed?: (key: DraftKey) => void
  ): Promise<void> {
    const key = this.options.key();
    const store = this.options.store();
    if (!key || !store) return this.writing;
    const rev = uuid();
    // What happened: our draft written, the key deleted, or another tab's draft left alone.
    const result: {outcome: Draft | null | 'kept'} = {outcome: 'kept'};
    this.writing = this.writing
      .then(() =>
        store.update(key, (stored) => {
          const value = next(stored, stored !== undefined && stored.rev !== this.rev);
          result.outcome = value === stored ? 'kept' : value && {...value, rev};
          return result.outcome === 'kept' ? stored! : result.outcome;
        })
      )
      .then(
        () => {
          committed?.(key);
          const done = result.outcome;
          if (done === 'kept') {
            this.set('ready');
            return;
          }
          const before = this.other;
          this.rev = done?.rev;
          this.other = done?.other ?? null;
          if (before !== this.other) this.host.requestUpdate();
          this.set(done?.body ? 'saved' : 'ready');
        },
        (error: unknown) => this.fail(error)
      );
    return this.writing;
  }

  private fail(error: unknown): void {
    this.set('unavailable');
    this.options.onError?.(error);
  }
}

function pick(d: DraftText): DraftText {
  return {body: d.body, name: d.name, updatedAt: d.updatedAt};
}
