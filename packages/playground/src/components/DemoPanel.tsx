import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { followRunEvents } from '../api/run-events.js';
import { getRun, getWorkflow, startRun } from '../api/runs.js';
import type { InputSchema, RunDocument } from '../api/types.js';
import type { RunEvent } from '../model/events.js';
import { buildRunModel } from '../model/run-model.js';
import { href } from '../router.js';
import type { DemoSpec } from './DemoCatalog.js';
import { DemoChain, DemoVariants, DemoVerdicts } from './DemoResults.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { ApiErrorBox, useFetched } from './RunsFetch.js';

/** Where a demo run stands. */
type DemoRun =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; runId: string; events: RunEvent[] }
  | { phase: 'done'; runId: string; events: RunEvent[]; document: RunDocument }
  | { phase: 'error'; error: ApiError; runId?: string; events: RunEvent[] };

function isText(schema: InputSchema | undefined): boolean {
  return schema?.type === undefined || schema.type === 'string';
}

function asText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The form values as run inputs: text as typed, other types parsed as JSON; empty optional values left out. */
function toInputs(options: {
  values: Record<string, string>;
  schemas: Record<string, InputSchema>;
}): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(options.values)) {
    if (isText(options.schemas[name])) {
      inputs[name] = text;
      continue;
    }
    if (text.trim() === '') continue;
    try {
      inputs[name] = JSON.parse(text);
    } catch {
      throw new ApiError({ status: 0, code: 'CLIENT_INPUT', message: `input ${name} is not valid JSON` });
    }
  }
  return inputs;
}

function DemoResult(props: { demo: DemoSpec; run: DemoRun }): ReactNode {
  const { demo, run } = props;
  if (run.phase === 'idle' || run.phase === 'starting') return null;
  // A run that never started has nothing to show; one that failed while followed shows what arrived.
  if (run.phase === 'error' && run.runId === undefined) return null;
  const events = run.phase === 'done' ? run.document.events : run.events;
  const model = buildRunModel(events);
  const runId = run.runId;
  const outcome = run.phase === 'done' ? run.document.summary.outcome : (model.outcome ?? 'running');
  return (
    <section aria-label={`${demo.title} result`} data-testid={`demo-result-${demo.workflow}`}>
      <h3>Result</h3>
      <p>
        Outcome: <OutcomeBadge outcome={outcome} testId={`demo-outcome-${demo.workflow}`} />
        {runId === undefined ? null : (
          <>
            {' '}
            — <a href={href(['runs', runId])}>open the full run (timeline and certificate)</a>
          </>
        )}
      </p>
      {model.error && (
        <p className="error-box">
          <code>{model.error.code}</code> {model.error.message}
        </p>
      )}
      {demo.result === 'verdicts' && <DemoVerdicts model={model} />}
      {demo.result === 'chain' && <DemoChain model={model} />}
      {demo.result === 'variants' && <DemoVariants model={model} />}
    </section>
  );
}

function statusText(run: DemoRun): string {
  switch (run.phase) {
    case 'idle':
    case 'error':
      return '';
    case 'starting':
      return 'Starting the run…';
    case 'running':
      return `Running: ${run.events.length} ${run.events.length === 1 ? 'event' : 'events'} so far…`;
    case 'done':
      // The live stream can give up (reconnects are bounded) before the run ends.
      return run.document.summary.outcome === 'running'
        ? 'Still running on the server; open the full run to follow it.'
        : `Finished: ${run.document.summary.outcome.replaceAll('_', ' ')}.`;
  }
}

/**
 * One seed demo: what it shows, its inputs (prefilled from the example, fields from the workflow's
 * input schema), a Run button that starts an async run and follows its events live, and a result view
 * built from the server's events once it is stored.
 */
export function DemoPanel(props: { demo: DemoSpec }): ReactNode {
  const { demo } = props;
  const id = useId();
  const workflow = useFetched({
    key: demo.workflow,
    load: (signal) => getWorkflow({ name: demo.workflow, signal }),
  });
  const schemas = workflow.state === 'ready' ? (workflow.value.workflow.inputs ?? {}) : {};
  const [values, setValues] = useState<Record<string, string> | undefined>();
  const [run, setRun] = useState<DemoRun>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    if (workflow.state !== 'ready' || values !== undefined) return;
    const declared = workflow.value.workflow.inputs ?? {};
    setValues(
      Object.fromEntries(
        Object.entries(declared).map(([name, schema]) => [
          name,
          asText(demo.inputs?.[name] ?? schema.default),
        ]),
      ),
    );
  }, [workflow, values, demo.inputs]);

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const { signal } = current;
    const events: RunEvent[] = [];
    let runId: string | undefined;
    setRun({ phase: 'starting' });
    try {
      const inputs = toInputs({ values: values ?? {}, schemas });
      runId = (await startRun({ workflow: demo.workflow, inputs, signal })).run_id;
      const following = runId;
      setRun({ phase: 'running', runId: following, events: [] });
      await followRunEvents({
        runId: following,
        signal,
        onEvent: (received) => {
          events.push(received);
          setRun({ phase: 'running', runId: following, events: [...events] });
        },
      });
      // The stream closes once the run is stored and certified: read the stored run for its summary.
      const document = await getRun({ id: following, signal });
      if (!signal.aborted) setRun({ phase: 'done', runId: following, events: document.events, document });
    } catch (error) {
      if (signal.aborted) return;
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError({
              status: 0,
              code: 'CLIENT',
              message: error instanceof Error ? error.message : String(error),
            });
      setRun({ phase: 'error', error: apiError, events, ...(runId === undefined ? {} : { runId }) });
    }
  };

  const busy = run.phase === 'starting' || run.phase === 'running';
  return (
    <article className="demo" aria-labelledby={`${id}-title`} data-testid={`demo-${demo.workflow}`}>
      <h2 id={`${id}-title`}>{demo.title}</h2>
      <p>{demo.explanation}</p>
      <p className="muted">
        Workflow <code>{demo.workflow}</code>
        {workflow.state === 'ready' && workflow.value.workflow.description
          ? `: ${workflow.value.workflow.description}`
          : ''}
      </p>
      {workflow.state === 'loading' && <p className="muted">Loading the workflow…</p>}
      {workflow.state === 'error' && (
        <ApiErrorBox error={workflow.error} what={`the ${demo.workflow} workflow`} />
      )}
      {workflow.state === 'ready' && values !== undefined && (
        <form onSubmit={start} className="stack" aria-label={`${demo.title} inputs`}>
          {Object.entries(schemas).map(([name, schema]) => (
            <div className="field" key={name}>
              <label htmlFor={`${id}-${name}`}>
                {name}
                {schema.description ? <span className="muted"> — {schema.description}</span> : null}
              </label>
              <textarea
                id={`${id}-${name}`}
                className={isText(schema) ? undefined : 'code'}
                value={values[name] ?? ''}
                rows={isText(schema) ? 3 : 2}
                {...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {})}
                onChange={(change) => setValues({ ...values, [name]: change.target.value })}
              />
            </div>
          ))}
          <div className="actions">
            <button type="submit" disabled={busy} data-testid={`demo-run-${demo.workflow}`}>
              Run {demo.title}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                setValues(
                  Object.fromEntries(
                    Object.entries(schemas).map(([name, schema]) => [
                      name,
                      asText(demo.inputs?.[name] ?? schema.default),
                    ]),
                  ),
                )
              }
            >
              Reset inputs
            </button>
          </div>
        </form>
      )}
      <p role="status" aria-live="polite" data-testid={`demo-status-${demo.workflow}`}>
        {statusText(run)}
      </p>
      {run.phase === 'error' && <ApiErrorBox error={run.error} what={`the ${demo.title} run`} />}
      <DemoResult demo={demo} run={run} />
    </article>
  );
}
