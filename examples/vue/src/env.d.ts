// Types <parley-comments> and the other parley-* elements in this app's templates, from the
// declarations the package generates from its custom-elements.json.
import 'parley-comments/vue';
