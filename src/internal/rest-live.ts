import type {Comment, LiveState} from '../adapters/adapter.js';
import type {RestAdapterOptions} from './rest-client.js';
import {parseComment} from './validate.js';

/**
 * The server-sent events stream of a thread at `url`, from after event `from` when given,
 * loaded by `RestClient.subscribe` on first use. `onState('live')` says when the stream is open. A stream that breaks is opened
 * again after a delay that doubles each time, resuming after the last event it had
 * (`?lastEventId=`), and after the last attempt it pauses (`onState('paused')`, said once)
 * until the page is back in view or online. Returns what closes it.
 */
export function openStream(
  url: string,
  reconnect: RestAdapterOptions['reconnect'],
  onComment: (c: Comment) => void,
  onState?: (state: LiveState) => void,
  from = ''
): () => void {
  const {delay = 1000, maxDelay = 60_000, attempts = 8} = reconnect ?? {};
  let source: EventSource | undefined;
  // The last event had: at first, where the page was read (`lastEventId` of the first page).
  let last = from;
  let failures = 0;
  let paused = false;
  let told: LiveState | undefined;
  const tell = (state: LiveState) => {
    if (state !== told) onState?.(state);
    told = state;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    source = new EventSource(last ? `${url}?lastEventId=${encodeURIComponent(last)}` : url);
    source.onopen = () => {
      failures = 0;
      tell('live');
    };
    // `update`: a new version of a comment (edited, or deleted), replacing the one of its id.
    const handle = (e: Event) => {
      const event = e as MessageEvent<string>;
      last = event.lastEventId || last;
      try {
        onComment(parseComment(JSON.parse(event.data)));
      } catch {
        // A malformed event is dropped; the next page load shows the truth.
      }
    };
    source.addEventListener('comment', handle);
    source.addEventListener('update', handle);
    source.onerror = () => {
      // Reconnect ourselves, with a growing delay, rather than every few seconds forever.
      source?.close();
      if (++failures > attempts) {
        paused = true;
        tell('paused');
        return;
      }
      timer = setTimeout(connect, Math.min(delay * 2 ** (failures - 1), maxDelay));
    };
  };
  const resume = () => {
    if (!paused || document.visibilityState === 'hidden') return;
    // Once: 'online' and 'visibilitychange' may both come, and again before it opens.
    paused = false;
    failures = 0;
    connect();
  };
  addEventListener('online', resume);
  document.addEventListener('visibilitychange', resume);
  connect();
  return () => {
    clearTimeout(timer);
    source?.close();
    removeEventListener('online', resume);
    document.removeEventListener('visibilitychange', resume);
  };
}
