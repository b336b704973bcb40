#!/usr/bin/env node
// parley-server [flags]: the reference backend of Parley. `parley-server --help` lists every
// setting; README.md is the deployment guide.
import {main} from './main.js';

await main();
