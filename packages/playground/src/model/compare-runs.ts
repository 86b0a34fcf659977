import type { RunDocument } from '../api/types.js';
import { formatTrigger, formatUsd, formatValue } from './format.js';
import { buildRunModel, type RunModel } from './run-model.js';
import { type ConstraintFact, constraintFacts, constraintKey } from './runs-constraints.js';

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

function showValue(value: unknown): string | undefined {
  return value === undefined ? undefined : formatValue(value);
}

function row(options: Omit<CompareRow, 'same'>): CompareRow {
  return { ...options, same: options.a === options.b };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** One run, read once: its document, the model of its events, and its constraints. */
interface Side {
  run: RunDocument;
  model: RunModel;
  constraints: ConstraintFact[];
}

function overview(options: { a: Side; b: Side }): CompareRow[] {
  const { a, b } = options;
  const workflow = (side: Side): string =>
    `${side.run.summary.workflow} v${side.run.summary.workflow_version}`;
  // Figures are the server's once the run completed; before that they are summed from the events.
  const consumed = (side: Side, name: 'attempts' | 'tokens' | 'time_ms'): string =>
    String(side.model.budget.consumed[name]);
  const error = (side: Side): string | undefined =>
    side.model.error === undefined ? undefined : `${side.model.error.code}: ${side.model.error.message}`;
  return [
    row({ key: 'outcome', label: 'Outcome', a: a.run.summary.outcome, b: b.run.summary.outcome }),
    row({ key: 'workflow', label: 'Workflow', a: workflow(a), b: workflow(b) }),
    row({ key: 'profile', label: 'Profile', a: a.run.summary.profile, b: b.run.summary.profile }),
    row({
      key: 'config',
      label: 'Configuration digest',
      a: a.run.header?.config_digest,
      b: b.run.header?.config_digest,
    }),
    row({ key: 'error', label: 'Error', a: error(a), b: error(b) }),
    row({ key: 'attempts', label: 'Attempts', a: consumed(a, 'attempts'), b: consumed(b, 'attempts') }),
    row({ key: 'tokens', label: 'Tokens', a: consumed(a, 'tokens'), b: consumed(b, 'tokens') }),
    row({
      key: 'cost',
      label: 'Cost (USD)',
      a: formatUsd(a.model.budget.consumed.cost_usd),
      b: formatUsd(b.model.budget.consumed.cost_usd),
    }),
    {
      ...row({ key: 'time', label: 'Time (ms)', a: consumed(a, 'time_ms'), b: consumed(b, 'time_ms') }),
      volatile: true,
    },
  ];
}

function inputs(options: { a: Side; b: Side }): CompareRow[] {
  const ia = options.a.model.inputs;
  const ib = options.b.model.inputs;
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(ia) || !isRecord(ib)) {
    return [row({ key: 'inputs', label: 'Inputs', a: showValue(ia), b: showValue(ib) })];
  }
  return union(Object.keys(ia), Object.keys(ib)).map((name) =>
    row({ key: `input:${name}`, label: name, a: showValue(ia[name]), b: showValue(ib[name]) }),
  );
}

function outputs(options: { a: Side; b: Side }): CompareRow[] {
  const { a, b } = options;
  const names = union(
    a.model.steps.map((step) => step.id),
    b.model.steps.map((step) => step.id),
  );
  return names.flatMap((name) => {
    const sa = a.model.steps.find((step) => step.id === name);
    const sb = b.model.steps.find((step) => step.id === name);
    const status = (step: typeof sa): string | undefined =>
      step === undefined
        ? undefined
        : `${step.status}${step.release ? ` (from ${step.release.source})` : ''}`;
    const output = (step: typeof sa): string | undefined =>
      step?.release === undefined
        ? undefined
        : (showValue(step.release.output) ?? '(released; not recorded)');
    return [
      row({ key: `step:${name}:status`, label: `${name}: status`, a: status(sa), b: status(sb) }),
      row({ key: `step:${name}:output`, label: `${name}: released output`, a: output(sa), b: output(sb) }),
    ];
  });
}

function constraints(options: { a: Side; b: Side }): CompareRow[] {
  const byKey = (side: Side) => new Map(side.constraints.map((fact) => [constraintKey(fact), fact]));
  const ma = byKey(options.a);
  const mb = byKey(options.b);
  const text = (fact: ConstraintFact | undefined): string | undefined => {
    if (fact === undefined) return undefined;
    const status = fact.status ?? 'no final status yet';
    return fact.verdict === undefined
      ? `${status}; never evaluated`
      : `${status}; last verdict ${fact.verdict.status}`;
  };
  const detail = (fact: ConstraintFact | undefined): string | undefined => {
    if (fact === undefined) return undefined;
    const parts = [
      fact.verdict?.message,
      fact.waiver === undefined ? undefined : `waived by ${fact.waiver.granted_by}: ${fact.waiver.reason}`,
    ].filter((part): part is string => part !== undefined && part !== '');
    return parts.length === 0 ? undefined : parts.join(' — ');
  };
  return union([...ma.keys()], [...mb.keys()]).map((key) => {
    const da = detail(ma.get(key));
    const db = detail(mb.get(key));
    return row({
      key: `constraint:${key}`,
      label: key,
      a: text(ma.get(key)),
      b: text(mb.get(key)),
      ...(da === undefined ? {} : { detailA: da }),
      ...(db === undefined ? {} : { detailB: db }),
    });
  });
}

function ladder(options: { a: Side; b: Side }): CompareRow[] {
  const numbered = (side: Side): Map<string, string> => {
    const out = new Map<string, string>();
    const counts = new Map<string, number>();
    for (const move of side.model.moves) {
      const n = (counts.get(move.step) ?? 0) + 1;
      counts.set(move.step, n);
      out.set(
        `${move.step} move ${n}`,
        `${move.strategy} ${move.from} → ${move.to} (${formatTrigger(move.trigger)})`,
      );
    }
    return out;
  };
  const ma = numbered(options.a);
  const mb = numbered(options.b);
  return union([...ma.keys()], [...mb.keys()]).map((key) =>
    row({ key: `ladder:${key}`, label: key, a: ma.get(key), b: mb.get(key) }),
  );
}

function side(run: RunDocument): Side {
  const model = buildRunModel(run.events);
  return { run, model, constraints: constraintFacts(model) };
}

/**
 * Puts two runs side by side from their events: overview (outcome, profile, configuration, budget
 * consumed), inputs, each step's status and released output, each constraint's final status with its
 * last verdict, and the ladder moves per step in order. Every value is what the server recorded.
 */
export function compareRuns(options: { a: RunDocument; b: RunDocument }): RunsComparison {
  const a = side(options.a);
  const b = side(options.b);
  const sections: CompareSection[] = [
    { id: 'overview', title: 'Overview', rows: overview({ a, b }) },
    { id: 'inputs', title: 'Inputs', rows: inputs({ a, b }) },
    { id: 'outputs', title: 'Steps and released outputs', rows: outputs({ a, b }) },
    { id: 'constraints', title: 'Constraints: final status and last verdict', rows: constraints({ a, b }) },
    { id: 'ladder', title: 'Ladder moves', rows: ladder({ a, b }) },
  ];
  const differences = sections.reduce(
    (sum, section) => sum + section.rows.filter((r) => !r.same && r.volatile !== true).length,
    0,
  );
  return { sections, differences };
}
