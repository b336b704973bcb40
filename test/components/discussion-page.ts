// The script of discussion-page.html: one comment section on the reference backend.
import '../../src/define.js';

document.querySelector('parley-comments')!.thread = new URLSearchParams(location.search).get('thread') ?? 'discussion';
