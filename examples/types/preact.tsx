/** @jsxImportSource preact */
// Type tests of the generated TSX declarations (types/jsx.d.ts) in Preact. Checked by
// typecheck.mjs, never built: every @ts-expect-error must meet an error.
import type {CustomElements} from 'parley-comments/jsx';
import type {ParleyPostedEvent} from 'parley-comments';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}

export function Good() {
  return (
    <parley-comments
      thread="a/b"
      min-length={80}
      strings={{heading: 'Kommentare'}}
      onparley-posted={(e: ParleyPostedEvent) => console.log(e.detail.comment.id)}
    />
  );
}

export function Bad() {
  return (
    <div>
      {/* @ts-expect-error: sort is 'oldest' | 'newest' */}
      <parley-comments sort="random" />
      {/* @ts-expect-error: page-size is a number */}
      <parley-comments page-size={[]} />
    </div>
  );
}
