// Types <parley-comments> and the other parley-* elements in this app's TSX, from the
// declarations the package generates from its custom-elements.json.
import type {CustomElements} from 'parley-comments/jsx';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
