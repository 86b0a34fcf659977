import { oneStep, runTest } from '../runner/run-workflow.test-util.js';
import type { RunResult } from '../spec/run.js';

const GOOD = { text: '{"answer":"ok"}' };
const NOT_JSON = { text: 'not json' };
const LONG = { text: '{"answer":"one two three four five"}' };
const short = { id: 'short', kind: 'max_words', field: 'answer', value: 3 };
const erroring = { id: 'calm', kind: 'expr', expr: 'output.missing.deeper == 1' };
const waiver = {
  constraint: 'answer.short',
  reason: 'pilot',
  granted_by: 'risk-office',
  expires: '2999-01-01',
};

/** Real runs of every outcome, by name, for certificate tests. */
export const CERTIFICATE_RUNS: Record<string, () => Promise<RunResult>> = {
  certified: () => runTest({ workflow: oneStep({ replies: { a: [GOOD] } }) }),
  retried: () =>
    runTest({
      workflow: oneStep({
        replies: { a: [{ error: { code: 'auth', status: 401 } }], b: [NOT_JSON, GOOD] },
        recovery: [{ retry: { max: 1, backoff_ms: 0 } }, { fallback: {} }, { stop: {} }],
      }),
    }),
  repaired: () =>
    runTest({
      workflow: oneStep({
        replies: { a: [{ text: '```json\n{"answer":"ok"}\n```' }] },
        recovery: [{ repair: ['strip_code_fences'] }, { stop: {} }],
      }),
    }),
  degraded: () =>
    runTest({
      workflow: oneStep({
        replies: { a: [NOT_JSON, NOT_JSON] },
        recovery: [{ retry: { max: 1 } }, { degrade: { output: { answer: 'fallback answer' } } }],
      }),
    }),
  stopped: () => runTest({ workflow: oneStep({ replies: { a: [NOT_JSON, NOT_JSON] } }) }),
  soft_violated: () =>
    runTest({ workflow: oneStep({ replies: { a: [LONG] }, constraints: [{ ...short, severity: 'soft' }] }) }),
  unchecked: () =>
    runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [{ ...erroring, on_error: 'fail_open' }] }),
    }),
  waived: () =>
    runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [short], recovery: [{ stop: {} }] }),
      profile: { name: 'prod', waivers: [waiver] },
    }),
  error: () => {
    const workflow = oneStep({ replies: {} });
    (workflow.steps as { answer: { model: string[] } }).answer.model = ['nowhere:m'];
    return runTest({ workflow });
  },
  input_refused: () =>
    runTest({
      workflow: {
        ...oneStep({ replies: { a: [GOOD] } }),
        inputs: { question: { type: 'string' } },
        constraints: [
          { id: 'no-secrets', kind: 'not_contains', stage: 'input', field: 'question', values: ['password'] },
        ],
      },
      inputs: { question: 'password?' },
    }),
  chain: () =>
    runTest({
      workflow: {
        name: 'chain',
        version: 2,
        steps: {
          draft: { model: ['scripted:a'], prompt: { user: 'Draft.' }, output: 'json', constraints: [short] },
          final: {
            model: ['scripted:b'],
            prompt: { user: 'Improve {{ steps.draft.output.answer }}' },
            output: 'json',
            constraints: [{ ...short, severity: 'soft' }],
          },
        },
        scripted: { a: { draft: [GOOD] }, b: { final: [LONG] } },
      },
    }),
  degrade_step: () =>
    runTest({
      workflow: {
        ...oneStep({ replies: { a: [NOT_JSON] }, recovery: [{ degrade: { step: 'simple' } }] }),
        degrade_steps: {
          simple: {
            model: ['scripted:c'],
            prompt: { user: 'Simply.' },
            output: 'json',
            constraints: [short],
          },
        },
        scripted: { a: { answer: [NOT_JSON] }, c: { simple: [GOOD] } },
      },
    }),
  fan_out: () =>
    runTest({
      workflow: {
        name: 'fan',
        version: 1,
        steps: {
          left: { model: ['scripted:a'], prompt: { user: 'L' }, output: 'json', constraints: [short] },
          right: { model: ['scripted:b'], prompt: { user: 'R' }, output: 'json' },
        },
        scripted: { a: { left: [GOOD] }, b: { right: [LONG] } },
      },
    }),
};

/** Runs the scenario called `name` from {@link CERTIFICATE_RUNS}. */
export function runScenario(name: string): Promise<RunResult> {
  const make = CERTIFICATE_RUNS[name];
  if (make === undefined) throw new Error(`no certificate run called ${name}`);
  return make();
}
