import type { RunDetail } from '../api/runs.js';
import { constraintKey, type RunFacts, runFacts } from './runs-facts.js';

/** One compared value: what each run has (undefined: nothing there) and whether they agree. */
export interface CompareRow {
  key: string;
  label: string;
  a: string | undefined;
  b: string | undefined;
  /** Shown under the value, not compared (a verdict's message, say). */
  detailA?: string;
  detailB?: string;
  same: boolean;
  /** Differs between any two runs by nature (wall-clock time): shown, never counted as a change. */
  volatile?: boolean;
}

/** A group of compared rows. */
export interface CompareSection {
  id: 'overview' | 'inputs' | 'outputs' | 'constraints' | 'ladder';
  title: string;
  rows: CompareRow[];
}

/** Two runs side by side, with how many values differ. */
export interface RunsComparison {
  sections: CompareSection[];
  differences: number;
}

/** A value as text: strings as they are, everything else as compact JSON. */
export function showValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function row(options: Omit<CompareRow, 'same'>): CompareRow {
  return { ...options, same: options.a === options.b };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function overview(options: { a: RunDetail; b: RunDetail; fa: RunFacts; fb: RunFacts }): CompareRow[] {
  const { a, b, fa, fb } = options;
  const workflow = (run: RunDetail): string => `${run.summary.workflow} v${run.summary.workflow_version}`;
  const money = (facts: RunFacts): string | undefined =>
    facts.cost_usd === null ? 'unknown (an attempt had no price)' : `$${facts.cost_usd.toFixed(6)}`;
  const consumed = (facts: RunFacts, name: 'attempts' | 'tokens'): string | undefined =>
    facts.consumed === undefined ? undefined : String(facts.consumed[name]);
  const error = (facts: RunFacts): string | undefined =>
    facts.error === undefined ? undefined : `${facts.error.code}: ${facts.error.message}`;
  return [
    row({ key: 'outcome', label: 'Outcome', a: a.summary.outcome, b: b.summary.outcome }),
    row({ key: 'workflow', label: 'Workflow', a: workflow(a), b: workflow(b) }),
    row({ key: 'profile', label: 'Profile', a: a.summary.profile, b: b.summary.profile }),
    row({
      key: 'config',
      label: 'Configuration digest',
      a: a.header?.config_digest,
      b: b.header?.config_digest,
    }),
    row({ key: 'error', label: 'Error', a: error(fa), b: error(fb) }),
    row({ key: 'attempts', label: 'Attempts', a: consumed(fa, 'attempts'), b: consumed(fb, 'attempts') }),
    row({ key: 'tokens', label: 'Tokens', a: consumed(fa, 'tokens'), b: consumed(fb, 'tokens') }),
    row({ key: 'cost', label: 'Cost (USD)', a: money(fa), b: money(fb) }),
    {
      ...row({
        key: 'time',
        label: 'Time (ms)',
        a: fa.consumed === undefined ? undefined : String(fa.consumed.time_ms),
        b: fb.consumed === undefined ? undefined : String(fb.consumed.time_ms),
      }),
      volatile: true,
    },
  ];
}

function inputs(options: { fa: RunFacts; fb: RunFacts }): CompareRow[] {
  const { fa, fb } = options;
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(fa.inputs) || !isRecord(fb.inputs)) {
    return [row({ key: 'inputs', label: 'Inputs', a: showValue(fa.inputs), b: showValue(fb.inputs) })];
  }
  const ia = fa.inputs;
  const ib = fb.inputs;
  return union(Object.keys(ia), Object.keys(ib)).map((name) =>
    row({ key: `input:${name}`, label: name, a: showValue(ia[name]), b: showValue(ib[name]) }),
  );
}

function outputs(options: { fa: RunFacts; fb: RunFacts }): CompareRow[] {
  const { fa, fb } = options;
  const names = union(
    fa.steps.map((step) => step.name),
    fb.steps.map((step) => step.name),
  );
  return names.flatMap((name) => {
    const sa = fa.steps.find((step) => step.name === name);
    const sb = fb.steps.find((step) => step.name === name);
    const status = (step: typeof sa): string | undefined =>
      step === undefined
        ? undefined
        : `${step.status ?? 'not completed'}${step.source ? ` (${step.source})` : ''}`;
    return [
      row({ key: `step:${name}:status`, label: `${name}: status`, a: status(sa), b: status(sb) }),
      row({
        key: `step:${name}:output`,
        label: `${name}: released output`,
        a: sa?.released ? (showValue(sa.output) ?? '(released, not recorded)') : undefined,
        b: sb?.released ? (showValue(sb.output) ?? '(released, not recorded)') : undefined,
      }),
    ];
  });
}

function constraints(options: { fa: RunFacts; fb: RunFacts }): CompareRow[] {
  const { fa, fb } = options;
  const byKey = (facts: RunFacts) => new Map(facts.constraints.map((fact) => [constraintKey(fact), fact]));
  const ma = byKey(fa);
  const mb = byKey(fb);
  return union([...ma.keys()], [...mb.keys()]).map((key) => {
    const ca = ma.get(key);
    const cb = mb.get(key);
    const text = (fact: typeof ca): string | undefined => {
      if (fact === undefined) return undefined;
      const status = fact.status ?? 'no final status';
      return fact.verdict === undefined
        ? `${status}; never evaluated`
        : `${status}; last verdict ${fact.verdict.status}`;
    };
    const detail = (fact: typeof ca): string | undefined => {
      if (fact === undefined) return undefined;
      const parts = [
        fact.verdict?.message,
        fact.waiver && `waived by ${fact.waiver.granted_by}: ${fact.waiver.reason}`,
      ];
      const shown = parts.filter((part): part is string => typeof part === 'string' && part !== '');
      return shown.length === 0 ? undefined : shown.join(' — ');
    };
    const da = detail(ca);
    const db = detail(cb);
    return row({
      key: `constraint:${key}`,
      label: key,
      a: text(ca),
      b: text(cb),
      ...(da === undefined ? {} : { detailA: da }),
      ...(db === undefined ? {} : { detailB: db }),
    });
  });
}

function ladder(options: { fa: RunFacts; fb: RunFacts }): CompareRow[] {
  const { fa, fb } = options;
  const numbered = (facts: RunFacts): Map<string, string> => {
    const out = new Map<string, string>();
    const counts = new Map<string, number>();
    for (const move of facts.moves) {
      const n = (counts.get(move.step) ?? 0) + 1;
      counts.set(move.step, n);
      out.set(`${move.step} move ${n}`, `${move.strategy} ${move.from} → ${move.to} (${move.trigger})`);
    }
    return out;
  };
  const ma = numbered(fa);
  const mb = numbered(fb);
  return union([...ma.keys()], [...mb.keys()]).map((key) =>
    row({ key: `ladder:${key}`, label: key, a: ma.get(key), b: mb.get(key) }),
  );
}

/**
 * Puts two runs side by side from their events: overview (outcome, profile, configuration, budget
 * consumed), inputs, each step's status and released output, each constraint's final status with its
 * last verdict, and the ladder moves per step in order. Every value is what the server recorded.
 */
export function compareRuns(options: { a: RunDetail; b: RunDetail }): RunsComparison {
  const { a, b } = options;
  const fa = runFacts(a.events);
  const fb = runFacts(b.events);
  const sections: CompareSection[] = [
    { id: 'overview', title: 'Overview', rows: overview({ a, b, fa, fb }) },
    { id: 'inputs', title: 'Inputs', rows: inputs({ fa, fb }) },
    { id: 'outputs', title: 'Steps and released outputs', rows: outputs({ fa, fb }) },
    { id: 'constraints', title: 'Constraints: final status and verdict', rows: constraints({ fa, fb }) },
    { id: 'ladder', title: 'Ladder moves', rows: ladder({ fa, fb }) },
  ];
  const differences = sections.reduce(
    (sum, section) => sum + section.rows.filter((r) => !r.same && r.volatile !== true).length,
    0,
  );
  return { sections, differences };
}
