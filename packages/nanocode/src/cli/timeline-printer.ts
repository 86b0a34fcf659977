import picocolors from 'picocolors';
import type { EventData, EventType, RunEvent } from '../spec/events.js';
import type { RunOutcome } from '../spec/outcome.js';

type Colors = ReturnType<typeof picocolors.createColors>;

/** Turns run events into human timeline lines. Create one per run: it remembers the run id and step. */
export interface TimelinePrinter {
  /** The lines (without trailing newlines) that show one event; often one, sometimes none. */
  format(event: RunEvent): string[];
}

interface TimelineState {
  runId: string | undefined;
  /** The step the last indented line belonged to; a change re-prints its header. */
  step: string | undefined;
  /** Steps started and not completed. While several run concurrently, their lines carry `[step]`. */
  active: Set<string>;
  /** Whether the note that scripted adapters call no model has been printed. */
  scriptedNoted: boolean;
}

type Formatter<T extends EventType> = (options: {
  event: RunEvent<T>;
  data: EventData[T];
  c: Colors;
  state: TimelineState;
}) => string[];

const OUTCOME_COLOR: Record<RunOutcome, 'green' | 'yellow' | 'red'> = {
  certified: 'green',
  certified_with_exceptions: 'green',
  degraded: 'yellow',
  stopped: 'yellow',
  error: 'red',
};

function usd(value: number): string {
  return `$${value.toFixed(4)}`;
}

const FORMATTERS: { [T in EventType]: Formatter<T> } = {
  'run.started': ({ data, c }) => {
    const b = data.budget;
    return [
      c.dim(
        `run ${data.run_id} · budget ${b.attempts} attempts, ${b.tokens} tokens, ${usd(b.cost_usd)}, ${b.time_ms} ms`,
      ),
    ];
  },
  'input.checked': ({ data, c }) =>
    data.ok
      ? [c.dim(`✓ inputs checked${data.constraint_ids.length ? ` (${data.constraint_ids.join(', ')})` : ''}`)]
      : [c.red(`✗ inputs refused${data.message ? `: ${data.message}` : ''}`)],
  'step.started': ({ event, data, c, state }) => {
    const header =
      c.bold(`▸ step ${event.step ?? '?'}`) +
      (data.kind === 'function' ? c.dim(' (function)') : c.dim(` (model: ${data.adapters.join(', ')})`));
    // Honest about demos: scripted replies come from the workflow file, not from a model.
    if (state.scriptedNoted || !data.adapters.some((ref) => ref.startsWith('scripted:'))) return [header];
    state.scriptedNoted = true;
    return [
      c.dim('note: scripted adapters replay replies written in the workflow file; no model is called'),
      header,
    ];
  },
  'attempt.started': () => [],
  'attempt.completed': ({ event, data, c }) => {
    const tokens = data.usage.input_tokens + data.usage.output_tokens;
    const cost =
      data.cost_usd === null ? ', cost unknown' : data.cost_usd > 0 ? `, ${usd(data.cost_usd)}` : '';
    return [
      `attempt ${event.attempt ?? '?'} on ${data.adapter} ${c.dim(`… ${tokens} tokens, ${data.latency_ms} ms${cost}`)}`,
    ];
  },
  'attempt.failed': ({ event, data, c }) => {
    const status = data.error.status === undefined ? '' : ` ${data.error.status}`;
    const retry = data.error.retryable ? ', retryable' : '';
    return [
      `attempt ${event.attempt ?? '?'} on ${data.adapter} ${c.red(`✗ ${data.error.code}${status}${retry}: ${data.error.message}`)}`,
    ];
  },
  'constraint.evaluated': ({ data, c }) => {
    const on = data.target === 'attempt' ? '' : ` [${data.target}]`;
    const label = `${data.constraint} (${data.kind}, ${data.severity})${on}`;
    if (data.verdict.status === 'pass') return [c.green(`✓ ${label}`)];
    const mark = data.verdict.status === 'fail' ? '✗' : '!';
    const color = data.severity === 'hard' ? c.red : c.yellow;
    const error = data.verdict.status === 'error' ? 'error: ' : '';
    return [color(`${mark} ${label}: ${error}${data.verdict.message}`)];
  },
  'waiver.applied': ({ data, c }) => [
    c.yellow(
      `⚑ waived ${data.constraint}: ${data.reason} (granted by ${data.granted_by}, expires ${data.expires})`,
    ),
  ],
  'waiver.expired': ({ data, c }) => [
    c.yellow(`⚑ waiver for ${data.constraint} expired ${data.expires}; not applied`),
  ],
  'recovery.chosen': ({ data, c }) => {
    const t = data.trigger;
    const trigger = [
      ...(t.constraints ?? []),
      ...(t.error ? [t.error] : []),
      ...(t.budget ? [`budget ${t.budget}`] : []),
    ];
    // A fallback moves between adapters, so both ends matter; other moves only name where they lead
    // (`repair:extract_json` shows as `repair extract_json`).
    const target = data.to.startsWith(`${data.strategy}:`)
      ? data.to.slice(data.strategy.length + 1)
      : data.to;
    const move =
      data.strategy === 'fallback'
        ? ` ${data.from} → ${data.to}`
        : target === data.from || target === data.strategy
          ? ''
          : ` ${target}`;
    const mark = data.strategy === 'stop' ? '■' : data.strategy === 'degrade' ? '↓' : '↻';
    return [c.yellow(`${mark} ${data.strategy}${move} (trigger: ${trigger.join(', ') || 'none'})`)];
  },
  'repair.applied': ({ data, c }) => [
    c.dim(`repaired with ${data.fixes.join(', ')}${data.changed ? '' : ' (no change)'}`),
  ],
  'budget.exhausted': ({ data, c }) => [
    c.red(`⚠ budget exhausted: ${data.dimension} ${data.consumed} of ${data.limit}`),
  ],
  'output.released': ({ event, data, c }) => [
    c.green(`✓ released ${event.step ?? 'output'}`) +
      (data.source === 'attempt' ? '' : c.dim(` (from ${data.source})`)),
  ],
  'step.completed': ({ event, data, c }) =>
    data.status === 'released' ? [] : [c.yellow(`■ step ${event.step ?? '?'} ${data.status}`)],
  'run.resumed': ({ data, c }) => [
    c.yellow(
      `⟳ resumed on ${data.executor}${data.previous_executor ? ` (was ${data.previous_executor})` : ''}` +
        (data.reexecuted.length > 0 ? `; run again: ${data.reexecuted.join(', ')}` : ''),
    ),
  ],
  'run.completed': ({ data, c, state }) => {
    const lines = data.constraints
      .filter((k) => k.status === 'violated' || k.status === 'waived' || k.status === 'unchecked')
      .map((k) => c.yellow(`  ⚑ ${k.step}.${k.id} ${k.status}`));
    if (data.error) lines.push(c.red(`error: ${data.error.code} ${data.error.message}`));
    const parts = [
      `${data.consumed.attempts} attempt${data.consumed.attempts === 1 ? '' : 's'}`,
      `${data.consumed.tokens} tokens`,
      usd(data.consumed.cost_usd),
      ...(state.runId ? [`run ${state.runId}`] : []),
    ];
    lines.push(
      `${c.bold(c[OUTCOME_COLOR[data.outcome]](`outcome: ${data.outcome}`))} · ${parts.join(' · ')}`,
    );
    return lines;
  },
};

/** Creates a timeline printer. `color` should be true only for a TTY without `NO_COLOR`. */
export function createTimelinePrinter(options: { color: boolean; runId?: string }): TimelinePrinter {
  const c = picocolors.createColors(options.color);
  const state: TimelineState = {
    runId: options.runId,
    step: undefined,
    active: new Set(),
    scriptedNoted: false,
  };
  return {
    format(event) {
      if (event.type === 'run.started') state.runId = (event.data as EventData['run.started']).run_id;
      // Pseudo-steps such as the runner's `$input` are not workflow steps: their lines print flush left.
      const step = event.step?.startsWith('$') ? undefined : event.step;
      if (event.type === 'step.started' && step !== undefined) state.active.add(step);
      const formatter = FORMATTERS[event.type] as Formatter<EventType>;
      const lines = formatter({ event, data: event.data, c, state });
      const concurrent = state.active.size > 1;
      if (event.type === 'step.completed' && step !== undefined) state.active.delete(step);
      if (lines.length === 0 || step === undefined) return lines;
      if (event.type === 'step.started') {
        state.step = step;
        return lines;
      }
      if (concurrent) {
        state.step = undefined;
        return lines.map((line) => `  ${c.cyan(`[${step}]`)} ${line}`);
      }
      const header = step === state.step ? [] : [c.bold(`▸ step ${step}`) + c.dim(' (continued)')];
      state.step = step;
      return [...header, ...lines.map((line) => `  ${line}`)];
    },
  };
}

/** The run's result for people: text as is, anything else as indented JSON. */
export function formatResult(options: { output: unknown }): string {
  return typeof options.output === 'string' ? options.output : JSON.stringify(options.output, null, 2);
}
