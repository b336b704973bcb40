import {useMemo, useState} from 'react';
import {MemoryAdapter} from 'parley-comments/adapters/memory.js';
import type {ParleyPostedEvent, ParleyStrings} from 'parley-comments';

// React 19 sets a prop as a property when the element has a property of that name
// (`adapter`, `strings`), else as an attribute (`min-length`), and turns `on<event-name>`
// props into event listeners: `onparley-posted` listens for `parley-posted`.
export function App() {
  // Objects passed as properties keep their identity between renders.
  const adapter = useMemo(() => new MemoryAdapter(), []);
  const strings = useMemo<Partial<ParleyStrings>>(() => ({heading: 'Reader Comments (React)'}), []);
  const [postedId, setPostedId] = useState<string | null>(null);

  return (
    <>
      <h1>Parley in React 19</h1>
      <parley-comments
        thread="examples/react"
        min-length={50}
        adapter={adapter}
        strings={strings}
        onparley-posted={(event: ParleyPostedEvent) => setPostedId(event.detail.comment.id)}
      />
      <p id="posted" role="status">
        {postedId ? `Posted: ${postedId}` : 'Nothing posted yet.'}
      </p>
    </>
  );
}
