#!/usr/bin/env node
// `npm run start:local`: the demo article with the browser-local adapter, no backend, on the
// dev server of web-dev-server.config.mjs (127.0.0.1 only; it resolves dist/'s bare imports
// as a bundler would). PORT=9000 picks another port.
import {startDevServer} from '@web/dev-server';
import config from '../web-dev-server.config.mjs';

// Without the dev server's own banner, which would print a network address it does not serve.
await startDevServer({config, readCliArgs: false, readFileConfig: false, logStartMessage: false});
