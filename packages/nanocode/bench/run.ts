import { benchAdapter } from './adapter.bench.js';
import { benchEval } from './eval.bench.js';
import { benchExecutor } from './executor.bench.js';
import { benchGoverned } from './governed.bench.js';
import { printTable } from './measure.js';
import { benchRunCost } from './run-cost.bench.js';
import { benchStore } from './store.bench.js';
import { benchTlog } from './tlog.bench.js';
import { benchVerify } from './verify.bench.js';

/** `npm run bench`: prints figures and ratios measured in this process. Nothing here is asserted. */
async function main(): Promise<void> {
  console.log(`nanocode bench · node ${process.version} · ${process.platform}/${process.arch}`);
  const cost = await benchRunCost();
  printTable({ title: 'In-process cost of a 1-step run with 5 deterministic constraints (median)', ...cost });
  const bare = cost.rows.find((r) => r.name.startsWith('bare'));
  if (bare) printTable({ title: 'Same figures against the bare loop', rows: cost.rows, baseline: bare });
  const verified = await benchVerify();
  printTable({
    title: 'Offline certificate verification on one core (median; names show certificates/s)',
    ...verified,
  });
  const adapter = await benchAdapter();
  printTable({
    title: 'One call through the openai adapter vs a bare fetch, loopback fake provider (median)',
    ...adapter,
  });
  await benchStore();
  const tlog = await benchTlog();
  printTable({
    title:
      'Store + certify + log append + checkpoint of one run, SQLite, ~10k leaves in the tenant log (median)',
    ...tlog.certify,
  });
  printTable({ title: 'Checkpoint root at 10k leaves (median)', ...tlog.root });
  await benchEval();
  await benchGoverned();
  await benchExecutor();
}

await main();
