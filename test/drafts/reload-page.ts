// The script of reload-page.html: one comment section on the memory adapter, drafts on.
import '../../src/define.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';

const el = document.querySelector('parley-comments')!;
el.thread = new URLSearchParams(location.search).get('thread') ?? 'reload';
el.adapter = new MemoryAdapter();
