#!/usr/bin/env node
// The `nanocode` command. The CLI is compiled to dist/ by `npm run build` (run by `prepare` on install).
import { main } from '../dist/cli/main.js';

await main();
