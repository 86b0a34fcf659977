import { runWorkflow } from '../src/runner/index.js';
import { benchSetup } from './run-cost.bench.js';

const { config, adapter } = benchSetup();
const t = Date.now();
let n = 0;
while (Date.now() - t < 4000) {
  await runWorkflow({ config, inputs: {}, adapters: () => adapter });
  n += 1;
}
console.log(`${n} runs, ${((4000 * 1000) / n).toFixed(1)} µs/run`);
