import {createParser} from 'eventsource-parser';
import type {EventSourceMessage} from 'eventsource-parser';

export type {EventSourceMessage};

/** What arrives on an event stream, as it arrives. */
export interface CollectedEvents {
  /** Every event, in order (`event` is undefined for plain messages). */
  events: EventSourceMessage[];
  /** Comment lines (`: keep-alive`), without the colon. */
  comments: string[];
  /**
   * `ended` when the server ended the stream, `aborted` when the request was aborted, `cut`
   * when the connection was lost first.
   */
  ended: Promise<'ended' | 'aborted' | 'cut'>;
}

/** Reads a `text/event-stream` answer until it ends, parsing it as browsers do (eventsource-parser). */
export function collectEvents(response: Response): CollectedEvents {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const parser = createParser({onEvent: (e) => events.push(e), onComment: (c) => comments.push(c.trim())});
  const ended = (async (): Promise<'ended' | 'aborted' | 'cut'> => {
    if (!response.body) return 'ended';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const {done, value} = await reader.read();
        if (done) return 'ended';
        parser.feed(value);
      }
    } catch (error) {
      return (error as Error).name === 'AbortError' ? 'aborted' : 'cut';
    }
  })();
  return {events, comments, ended};
}
