import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { type ApiError, asApiError } from '../api/client.js';
import { getRunDocument, startAsyncRun } from '../api/run-document.js';
import { followRunEvents } from '../api/run-events.js';
import type { RunDocument } from '../api/types.js';
import { getResolvedWorkflow } from '../api/workflows.js';
import type { RunEvent } from '../model/events.js';
import { words } from '../model/format.js';
import {
  collectInputs,
  type FieldValue,
  type InputField,
  inputFields,
  toFieldValue,
} from '../model/input-fields.js';
import { buildRunModel } from '../model/run-model.js';
import { href } from '../router.js';
import type { DemoSpec } from './DemoCatalog.js';
import { DemoChain, DemoVariants, DemoVerdicts } from './DemoResults.js';
import { InputsForm } from './InputsForm.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { ApiErrorBox, useFetched } from './RunsFetch.js';
import { useKeyedState } from './useKeyedState.js';

/** Where a demo run stands. */
type DemoRun =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; runId: string; events: RunEvent[] }
  | { phase: 'done'; runId: string; events: RunEvent[]; document: RunDocument }
  | { phase: 'error'; error: ApiError; runId?: string; events: RunEvent[] };

/** The form's values for a demo: the example's inputs where it has them, else each field's default. */
function exampleValues(options: {
  demo: DemoSpec;
  fields: readonly InputField[];
}): Record<string, FieldValue> {
  const { demo, fields } = options;
  return Object.fromEntries(
    fields.map((field) => [
      field.name,
      toFieldValue({ field, value: demo.inputs?.[field.name] ?? field.default }),
    ]),
  );
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
        : `Finished: ${words(run.document.summary.outcome)}.`;
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
    load: (signal) => getResolvedWorkflow({ name: demo.workflow, signal }),
  });
  const fields = useMemo(
    () => (workflow.state === 'ready' ? inputFields(workflow.value.workflow.inputs ?? {}) : []),
    [workflow],
  );
  // The example's values once the workflow's input schema is known.
  const [values, setValues] = useKeyedState({
    key: workflow.state,
    initial: () => (workflow.state === 'ready' ? exampleValues({ demo, fields }) : undefined),
  });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [run, setRun] = useState<DemoRun>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const { signal } = current;
    const events: RunEvent[] = [];
    let runId: string | undefined;
    const { inputs, errors } = collectInputs({ fields, values: values ?? {} });
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setRun({ phase: 'starting' });
    try {
      runId = (await startAsyncRun({ workflow: demo.workflow, inputs, signal })).run_id;
      const following = runId;
      setRun({ phase: 'running', runId: following, events: [] });
      await followRunEvents({
        runId: following,
        signal,
        onEvents: (received) => {
          events.push(...received);
          setRun({ phase: 'running', runId: following, events: [...events] });
        },
      });
      // The stream closes once the run is stored and certified: read the stored run for its summary.
      const document = await getRunDocument({ runId: following, signal });
      if (!signal.aborted) setRun({ phase: 'done', runId: following, events: document.events, document });
    } catch (error) {
      if (signal.aborted) return;
      setRun({ phase: 'error', error: asApiError(error), events, ...(runId === undefined ? {} : { runId }) });
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
        <ApiErrorBox error={workflow.error} what={`the ${demo.workflow} workflow`} onRetry={workflow.retry} />
      )}
      {workflow.state === 'ready' && values !== undefined && (
        <form onSubmit={start} className="stack" aria-label={`${demo.title} inputs`}>
          <InputsForm
            fields={fields}
            values={values}
            errors={fieldErrors}
            onChange={(name, value) => setValues({ ...values, [name]: value })}
          />
          <div className="actions">
            <button type="submit" disabled={busy} data-testid={`demo-run-${demo.workflow}`}>
              Run {demo.title}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => {
                setValues(exampleValues({ demo, fields }));
                setFieldErrors({});
              }}
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
