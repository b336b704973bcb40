/** @jsxImportSource solid-js */
// Type tests of the generated Solid declarations (types/solid.d.ts). Checked by
// typecheck.mjs, never built: every @ts-expect-error must meet an error.
import type {CustomElements} from 'parley-comments/solid';
import type {CommentAdapter, ParleyPostedEvent} from 'parley-comments';

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}

declare const adapter: CommentAdapter;

export function Good() {
  return (
    <parley-comments
      thread="a/b"
      min-length={80}
      adapter={adapter}
      strings={{heading: 'Kommentare'}}
      on:parley-posted={(e: ParleyPostedEvent) => console.log(e.detail.comment.id)}
    />
  );
}

export function Bad() {
  return (
    <div>
      {/* @ts-expect-error: sort is 'oldest' | 'newest' */}
      <parley-comments sort="random" />
      {/* @ts-expect-error: the posted event's detail has no `nope` */}
      <parley-comments on:parley-posted={(e) => e.detail.nope} />
    </div>
  );
}
