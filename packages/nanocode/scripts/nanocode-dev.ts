// The `nanocode` command run from source (no build needed): `node --import tsx scripts/nanocode-dev.ts …`.
// Tests that need a real child process (the browser tests' server, workers) start it this way.
import { main } from '../src/cli/main.js';

await main();
