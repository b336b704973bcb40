// The console's events: what its parts tell the shell.
import type {AdminCounts} from 'parley-contract';
import {ConsoleError} from './api.js';

export interface ConsoleEvents {
  /** Something to say in the status line (polite live region). */
  'parley-console-message': CustomEvent<{text: string; tone: 'ok' | 'error'}>;
  /** The counts of the queues, read again. */
  'parley-console-counts': CustomEvent<{counts: AdminCounts}>;
  /** The server answered 401: the session is over. */
  'parley-console-signed-out': CustomEvent<{message: string}>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged with the map above
  interface GlobalEventHandlersEventMap extends ConsoleEvents {}
}

/** Sends a bubbling, composed event with `detail`. */
export function emit<K extends keyof ConsoleEvents>(host: EventTarget, type: K, detail: ConsoleEvents[K]['detail']): boolean {
  return host.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true}));
}

/** A failed request, told to the shell: the session ended (401), or a message to show. */
export function failed(host: EventTarget, error: unknown): void {
  if (error instanceof ConsoleError && error.status === 401) emit(host, 'parley-console-signed-out', {message: error.message});
  else emit(host, 'parley-console-message', {text: error instanceof Error ? error.message : String(error), tone: 'error'});
}
