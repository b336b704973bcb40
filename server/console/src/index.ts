// The console's entry (built to dist/admin/console.js): registers its elements.
import {ParleyConsoleAudit} from './audit.js';
import {ParleyConsoleBans} from './bans.js';
import {ParleyConsole} from './console.js';
import {ParleyConsoleQueue} from './queue.js';

customElements.define('parley-console-queue', ParleyConsoleQueue);
customElements.define('parley-console-audit', ParleyConsoleAudit);
customElements.define('parley-console-bans', ParleyConsoleBans);
customElements.define('parley-console', ParleyConsole);

declare global {
  interface HTMLElementTagNameMap {
    'parley-console': ParleyConsole;
    'parley-console-queue': ParleyConsoleQueue;
    'parley-console-audit': ParleyConsoleAudit;
    'parley-console-bans': ParleyConsoleBans;
  }
}
