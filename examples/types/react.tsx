// Type tests of the generated TSX declarations (types/jsx.d.ts) in React 19. Checked by
// typecheck.mjs, never built: every @ts-expect-error must meet an error.
import {useRef} from 'react';
import type {CustomElements} from 'parley-comments/jsx';
import type {CommentAdapter, ParleyComments, ParleyErrorEvent, ParleyPostedEvent} from 'parley-comments';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}

declare const adapter: CommentAdapter;

export function Good() {
  const ref = useRef<ParleyComments>(null);
  return (
    <>
      <parley-comments
        ref={ref}
        thread="a/b"
        endpoint="https://comments.example.com/v1"
        adapter="rest"
        min-length={80}
        max-length={2000}
        sort="newest"
        page-size={20}
        no-drafts
        live
        strings={{heading: 'Kommentare', commentCount: (n: number) => `${n} Kommentare`}}
        onparley-posted={(e: ParleyPostedEvent) => console.log(e.detail.comment.id)}
        onparley-error={(e: ParleyErrorEvent) => console.log(e.detail.action)}
      />
      <parley-comments adapter={adapter} onparley-posted={(e) => console.log(e.detail.comment.body)} />
      <parley-count thread="a/b" endpoint="https://comments.example.com/v1" />
      <parley-form parent-id="c1" />
    </>
  );
}

export function Bad() {
  return (
    <>
      {/* @ts-expect-error: sort is 'oldest' | 'newest' */}
      <parley-comments sort="random" />
      {/* @ts-expect-error: min-length is a number */}
      <parley-comments min-length={true} />
      {/* @ts-expect-error: strings is Partial<ParleyStrings> */}
      <parley-comments strings={{heading: 42}} />
      {/* @ts-expect-error: the posted event's detail has no `nope` */}
      <parley-comments onparley-posted={(e) => e.detail.nope} />
      {/* @ts-expect-error: an unknown parley-* element */}
      <parley-nothing />
    </>
  );
}
