import type {
  BudgetDimension,
  BudgetFigures,
  ConstraintStatus,
  EventData,
  RecoveryStrategy,
  RunEvent,
  RunOutcome,
  Usage,
  VerdictStatus,
} from './events.js';

/** One `constraint.evaluated` event, flattened for display. */
export interface VerdictView {
  seq: number;
  constraint: string;
  kind: string;
  severity: 'hard' | 'soft';
  stage: 'input' | 'output';
  target: EventData['constraint.evaluated']['target'];
  status: VerdictStatus;
  message: string;
  evidence: EventData['constraint.evaluated']['verdict']['evidence'];
}

/** One move on the recovery ladder (`recovery.chosen`), with what triggered it. */
export interface LadderMove {
  seq: number;
  step: string;
  attempt?: number;
  strategy: RecoveryStrategy;
  trigger: EventData['recovery.chosen']['trigger'];
  from: string;
  to: string;
}

/** What happened to an attempt after its call, in event order. */
export type AttemptPhase =
  | { kind: 'checks'; target: VerdictView['target']; verdicts: VerdictView[] }
  | { kind: 'repair'; seq: number; fixes: string[]; changed: boolean; outputDigest: string }
  | { kind: 'move'; move: LadderMove };

/** One adapter call of a step. */
export interface AttemptView {
  number: number;
  seq: number;
  adapter: string;
  via: EventData['attempt.started']['via'];
  state: 'running' | 'completed' | 'failed';
  model?: string;
  finishReason?: string;
  latencyMs?: number;
  usage?: Usage;
  usageEstimated: boolean;
  /** `null` when the price is unknown; absent while running or after a failure. */
  costUsd?: number | null;
  /** The returned text, unless the profile redacts outputs. */
  text?: string;
  redacted: boolean;
  error?: EventData['attempt.failed']['error'];
  afterRelease: boolean;
  phases: AttemptPhase[];
}

/** A step-level entry of the timeline, in event order. */
export type StepEntry =
  | { kind: 'attempt'; attempt: AttemptView }
  | { kind: 'move'; move: LadderMove }
  | { kind: 'checks'; target: VerdictView['target']; verdicts: VerdictView[] }
  | ({ kind: 'budget'; seq: number } & EventData['budget.exhausted'])
  | ({ kind: 'waiver'; seq: number } & EventData['waiver.applied'])
  | ({ kind: 'release'; seq: number } & EventData['output.released']);

/** How a step stands: running until its `step.completed`. */
export type StepStatus = 'running' | EventData['step.completed']['status'];

/** One step of the run. */
export interface StepView {
  id: string;
  kind?: 'model' | 'function';
  dependsOn: string[];
  adapters: string[];
  status: StepStatus;
  attempts: AttemptView[];
  entries: StepEntry[];
  release?: EventData['output.released'] & { seq: number };
  waivers: Array<EventData['waiver.applied'] & { seq: number }>;
}

/** Budget limits against what was consumed. */
export interface BudgetView {
  limits?: BudgetFigures;
  /** `cost_usd` is `null` while any attempt's price is unknown. */
  consumed: { attempts: number; tokens: number; cost_usd: number | null; time_ms: number };
  /** True once `run.completed` gave the server's figures; before that they are summed from the events. */
  final: boolean;
  exhausted: Array<EventData['budget.exhausted'] & { seq: number; step?: string }>;
}

/** The view model of a run, derived from its events only. */
export interface RunModel {
  runId?: string;
  status: 'empty' | 'running' | 'finished';
  startedAt?: string;
  finishedAt?: string;
  inputs?: unknown;
  input: {
    verdicts: VerdictView[];
    checked?: EventData['input.checked'];
    waivers: Array<EventData['waiver.applied'] & { seq: number }>;
    expired: Array<EventData['waiver.expired'] & { seq: number }>;
  };
  steps: StepView[];
  /** Each time a durable executor took the run up again (`run.resumed`). */
  resumptions: Array<EventData['run.resumed'] & { seq: number }>;
  /** Where the profile's policy came from, when the run recorded it. */
  policy?: EventData['run.started']['policy'];
  /** Every ladder move of the run, in order. */
  moves: LadderMove[];
  budget: BudgetView;
  outcome?: RunOutcome;
  error?: { code: string; message: string };
  /** The server's final status of each constraint (`run.completed`). */
  constraints: Array<{ step: string; id: string; status: ConstraintStatus }>;
  outputDigest?: string;
  lastSeq: number;
  eventCount: number;
}

const INPUT_STEP = '$input';

/**
 * Derives the {@link RunModel} from a run's events (any order, duplicates allowed: a reconnecting stream
 * may repeat some). Nothing is inferred beyond what the events say: verdicts, moves and the outcome are
 * the server's.
 */
export function buildRunModel(input: readonly RunEvent[]): RunModel {
  const events = dedupe(input);
  const model: RunModel = {
    status: events.length === 0 ? 'empty' : 'running',
    input: { verdicts: [], waivers: [], expired: [] },
    steps: [],
    resumptions: [],
    moves: [],
    budget: { consumed: { attempts: 0, tokens: 0, cost_usd: 0, time_ms: 0 }, final: false, exhausted: [] },
    constraints: [],
    lastSeq: events.at(-1)?.seq ?? -1,
    eventCount: events.length,
  };
  const steps = new Map<string, StepView>();
  const stepOf = (id: string): StepView => {
    let step = steps.get(id);
    if (step === undefined) {
      step = { id, dependsOn: [], adapters: [], status: 'running', attempts: [], entries: [], waivers: [] };
      steps.set(id, step);
      model.steps.push(step);
    }
    return step;
  };
  for (const event of events) apply({ model, event, stepOf });
  const first = events[0];
  const last = events.at(-1);
  if (!model.budget.final && first !== undefined && last !== undefined) {
    model.budget.consumed.time_ms = Math.max(0, Date.parse(last.ts) - Date.parse(first.ts)) || 0;
  }
  return model;
}

function dedupe(events: readonly RunEvent[]): RunEvent[] {
  const bySeq = new Map<number, RunEvent>();
  for (const event of events) if (!bySeq.has(event.seq)) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function apply(options: { model: RunModel; event: RunEvent; stepOf: (id: string) => StepView }): void {
  const { model, event, stepOf } = options;
  const e = event as RunEvent & { data: never };
  switch (event.type) {
    case 'run.started': {
      const data = e.data as EventData['run.started'];
      model.runId = data.run_id;
      model.startedAt = event.ts;
      model.inputs = data.inputs;
      model.budget.limits = data.budget;
      if (data.policy !== undefined) model.policy = data.policy;
      return;
    }
    case 'input.checked':
      model.input.checked = e.data as EventData['input.checked'];
      return;
    case 'step.started': {
      const data = e.data as EventData['step.started'];
      const step = stepOf(event.step ?? '');
      step.kind = data.kind;
      step.dependsOn = [...data.depends_on];
      step.adapters = [...data.adapters];
      return;
    }
    case 'attempt.started': {
      const data = e.data as EventData['attempt.started'];
      const step = stepOf(event.step ?? '');
      const attempt: AttemptView = {
        number: event.attempt ?? step.attempts.length + 1,
        seq: event.seq,
        adapter: data.adapter,
        via: data.via,
        state: 'running',
        usageEstimated: false,
        redacted: false,
        afterRelease: false,
        phases: [],
      };
      step.attempts.push(attempt);
      step.entries.push({ kind: 'attempt', attempt });
      model.budget.consumed.attempts += 1;
      return;
    }
    case 'attempt.completed': {
      const data = e.data as EventData['attempt.completed'];
      const attempt = findAttempt({ step: stepOf(event.step ?? ''), number: event.attempt });
      if (attempt === undefined) return;
      attempt.state = 'completed';
      attempt.model = data.model;
      attempt.finishReason = data.finish_reason;
      attempt.latencyMs = data.latency_ms;
      attempt.usage = data.usage;
      attempt.usageEstimated = data.usage_estimated === true;
      attempt.costUsd = data.cost_usd;
      if (data.text !== undefined) attempt.text = data.text;
      attempt.redacted = data.text === undefined && data.text_commitment !== undefined;
      const consumed = model.budget.consumed;
      consumed.tokens += data.usage.input_tokens + data.usage.output_tokens;
      consumed.cost_usd =
        consumed.cost_usd === null || data.cost_usd === null ? null : consumed.cost_usd + data.cost_usd;
      return;
    }
    case 'attempt.failed': {
      const data = e.data as EventData['attempt.failed'];
      const attempt = findAttempt({ step: stepOf(event.step ?? ''), number: event.attempt });
      if (attempt === undefined) return;
      attempt.state = 'failed';
      attempt.latencyMs = data.latency_ms;
      attempt.error = data.error;
      attempt.afterRelease = data.after_release === true;
      return;
    }
    case 'constraint.evaluated': {
      const data = e.data as EventData['constraint.evaluated'];
      const verdict: VerdictView = {
        seq: event.seq,
        constraint: data.constraint,
        kind: data.kind,
        severity: data.severity,
        stage: data.stage,
        target: data.target,
        status: data.verdict.status,
        message: data.verdict.message,
        evidence: data.verdict.evidence,
      };
      if (event.step === undefined || event.step === INPUT_STEP || data.stage === 'input') {
        model.input.verdicts.push(verdict);
        return;
      }
      const step = stepOf(event.step);
      const attempt = findAttempt({ step, number: event.attempt });
      addVerdict({ phases: attempt?.phases ?? step.entries, verdict });
      return;
    }
    case 'waiver.applied': {
      const waiver = { ...(e.data as EventData['waiver.applied']), seq: event.seq };
      if (event.step === undefined || event.step === INPUT_STEP) {
        model.input.waivers.push(waiver);
        return;
      }
      const step = stepOf(event.step);
      step.waivers.push(waiver);
      step.entries.push({ kind: 'waiver', ...waiver });
      return;
    }
    case 'waiver.expired':
      model.input.expired.push({ ...(e.data as EventData['waiver.expired']), seq: event.seq });
      return;
    case 'recovery.chosen': {
      const data = e.data as EventData['recovery.chosen'];
      const stepId = event.step ?? '';
      const move: LadderMove = {
        seq: event.seq,
        step: stepId,
        ...(event.attempt === undefined ? {} : { attempt: event.attempt }),
        strategy: data.strategy,
        trigger: data.trigger,
        from: data.from,
        to: data.to,
      };
      model.moves.push(move);
      const step = stepOf(stepId);
      const attempt = findAttempt({ step, number: event.attempt });
      if (attempt === undefined) step.entries.push({ kind: 'move', move });
      else attempt.phases.push({ kind: 'move', move });
      return;
    }
    case 'repair.applied': {
      const data = e.data as EventData['repair.applied'];
      const phase = {
        kind: 'repair' as const,
        seq: event.seq,
        fixes: data.fixes,
        changed: data.changed,
        outputDigest: data.output_digest,
      };
      const attempt = findAttempt({ step: stepOf(event.step ?? ''), number: event.attempt });
      attempt?.phases.push(phase);
      return;
    }
    case 'budget.exhausted': {
      const data = e.data as EventData['budget.exhausted'];
      const exhausted = {
        ...data,
        seq: event.seq,
        ...(event.step === undefined ? {} : { step: event.step }),
      };
      model.budget.exhausted.push(exhausted);
      if (event.step !== undefined)
        stepOf(event.step).entries.push({ kind: 'budget', ...data, seq: event.seq });
      return;
    }
    case 'output.released': {
      const release = { ...(e.data as EventData['output.released']), seq: event.seq };
      const step = stepOf(event.step ?? '');
      step.release = release;
      step.entries.push({ kind: 'release', ...release });
      return;
    }
    case 'step.completed':
      stepOf(event.step ?? '').status = (e.data as EventData['step.completed']).status;
      return;
    case 'run.resumed':
      model.resumptions.push({ ...(e.data as EventData['run.resumed']), seq: event.seq });
      return;
    case 'run.completed': {
      const data = e.data as EventData['run.completed'];
      model.status = 'finished';
      model.finishedAt = event.ts;
      model.outcome = data.outcome;
      model.constraints = data.constraints;
      model.budget.consumed = { ...data.consumed };
      model.budget.final = true;
      if (data.error !== undefined) model.error = data.error;
      if (data.output_digest !== undefined) model.outputDigest = data.output_digest;
      return;
    }
    default:
      // An event type this playground does not know yet: shown nowhere, but never fatal.
      return;
  }
}

function findAttempt(options: { step: StepView; number: number | undefined }): AttemptView | undefined {
  const { step, number } = options;
  if (number === undefined) return undefined;
  for (let i = step.attempts.length - 1; i >= 0; i -= 1) {
    const attempt = step.attempts[i];
    if (attempt?.number === number) return attempt;
  }
  return undefined;
}

/** Consecutive verdicts on the same target form one group ("checks on the repaired output"). */
function addVerdict(options: { phases: Array<AttemptPhase | StepEntry>; verdict: VerdictView }): void {
  const { phases, verdict } = options;
  const last = phases.at(-1);
  if (last?.kind === 'checks' && last.target === verdict.target) last.verdicts.push(verdict);
  else phases.push({ kind: 'checks', target: verdict.target, verdicts: [verdict] });
}

/** The budget dimensions in display order, with their labels. */
export const BUDGET_LABELS: ReadonlyArray<{ dimension: BudgetDimension; label: string }> = [
  { dimension: 'attempts', label: 'Attempts' },
  { dimension: 'tokens', label: 'Tokens' },
  { dimension: 'cost_usd', label: 'Cost (USD)' },
  { dimension: 'time_ms', label: 'Time (ms)' },
];
