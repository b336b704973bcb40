import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {failed} from './events.js';

/** One page of a list the server gives newest first, and the cursor of the next. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page (the bans, the audit log): the newest page when its element
 * connects and on Refresh, older pages appended. A failure is the console's message.
 */
export class PagedList<T> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  loading = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly read: (cursor: string | null) => Promise<Page<T>>,
    /** Called after each page arrived, before the host renders it. */
    private readonly arrived?: (items: T[]) => void
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.load(null);
  }

  /** Reads the newest page (`cursor` null) or the page after `cursor`. */
  async load(cursor: string | null): Promise<void> {
    this.loading = true;
    this.host.requestUpdate();
    try {
      const page = await this.read(cursor);
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.arrived?.(this.items);
    } catch (error) {
      failed(this.host, error);
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }
}
