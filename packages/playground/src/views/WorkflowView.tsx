import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { describeError } from '../api/client.js';
import { startAsyncRun } from '../api/run-document.js';
import { getResolvedWorkflow, getWorkflowSource, listProfiles } from '../api/workflows.js';
import { InputsForm } from '../components/InputsForm.js';
import { ProfilePicker } from '../components/ProfilePicker.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { useKeyedState } from '../components/useKeyedState.js';
import { useValidation } from '../components/useValidation.js';
import { YamlEditor } from '../components/YamlEditor.js';
import { collectInputs, initialValues, inputFields } from '../model/input-fields.js';
import { toYaml } from '../model/to-yaml.js';
import { href, navigate, type Route } from '../router.js';

/** The workflow file's own text, or, from a server that does not serve it, the workflow as resolved. */
async function loadSource(options: {
  name: string;
  signal: AbortSignal;
}): Promise<{ text: string; resolved: boolean }> {
  const found = await getWorkflowSource(options);
  if (found !== undefined) return { text: found.text, resolved: false };
  // Without the file's text, the workflow as the server resolved it (under its default profile).
  return { text: toYaml((await getResolvedWorkflow(options)).workflow), resolved: true };
}

/**
 * One workflow: its YAML in an editor validated by the server as you type, an inputs form generated
 * from its input schema, a profile picker, and a Run button that starts an async run and opens it.
 */
export function WorkflowView(props: { name: string; route: Route }): ReactNode {
  const { name } = props;
  const [profile, setProfile] = useState(() => props.route.query.get('profile') ?? '');
  const profiles = useFetched({ key: 'profiles', load: (signal) => listProfiles({ signal }) });
  const resolved = useFetched({
    key: `${name}\n${profile}`,
    load: (signal) => getResolvedWorkflow({ name, profile, signal }),
  });
  const source = useFetched({ key: name, load: (signal) => loadSource({ name, signal }) });
  // Only an edit is state; without one the editor shows the file as loaded.
  const [edit, setEdit] = useState<{ name: string; text: string } | undefined>();
  const original = source.state === 'ready' ? source.value.text : '';
  const text = edit?.name === name ? edit.text : original;
  const [run, setRun] = useState<
    { state: 'idle' } | { state: 'starting' } | { state: 'failed'; message: string }
  >({
    state: 'idle',
  });
  const validation = useValidation({ text });

  const workflow = resolved.state === 'ready' ? resolved.value.workflow : undefined;
  const fields = useMemo(() => inputFields(workflow?.inputs ?? {}), [workflow]);
  // The form starts over only when the declared inputs change, not on every refetch.
  const [form, setForm] = useKeyedState({
    key: fields.map((field) => field.name).join('\n'),
    initial: () => ({ values: initialValues(fields), errors: {} as Record<string, string> }),
  });
  const { values, errors } = form;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const collected = collectInputs({ fields, values });
    setForm({ values, errors: collected.errors });
    if (Object.keys(collected.errors).length > 0) {
      setRun({ state: 'failed', message: 'Some inputs need attention (see the fields above).' });
      return;
    }
    setRun({ state: 'starting' });
    try {
      const accepted = await startAsyncRun({ workflow: name, profile, inputs: collected.inputs });
      navigate(href(['runs', accepted.run_id]));
    } catch (error) {
      setRun({ state: 'failed', message: describeError(error) });
    }
  };

  const edited = source.state === 'ready' && text !== original;
  return (
    <section aria-labelledby="workflow-title">
      <h1 id="workflow-title">
        Workflow <code>{name}</code>
      </h1>
      <p>
        <a href={href([])}>All workflows</a>
        {workflow?.description === undefined ? null : <> · {workflow.description}</>}
        {workflow === undefined ? null : <> · version {workflow.version}</>}
      </p>
      <div className="workflow-layout">
        <div>
          {source.state === 'loading' ? <p aria-live="polite">Loading the workflow…</p> : null}
          {source.state === 'error' ? (
            <ApiErrorBox error={source.error} what="the workflow" onRetry={source.retry} />
          ) : null}
          {source.state === 'ready' ? (
            <>
              {source.value.resolved ? (
                <p className="muted">
                  Shown as the server resolved it (every default filled): this server does not serve the
                  file's own text.
                </p>
              ) : null}
              <YamlEditor
                value={text}
                onChange={(next) => setEdit({ name, text: next })}
                validation={validation}
              />
              {edited ? (
                <p className="muted" data-testid="edited-note">
                  Your edits are checked by the server but not saved: a run uses the workflow file on the
                  server.{' '}
                  <button type="button" className="secondary" onClick={() => setEdit(undefined)}>
                    Undo edits
                  </button>
                </p>
              ) : null}
            </>
          ) : null}
        </div>
        <form onSubmit={onSubmit} className="stack" aria-labelledby="run-form-title" noValidate>
          <h2 id="run-form-title">Run it</h2>
          <ProfilePicker
            profiles={profiles.state === 'ready' ? profiles.value : []}
            value={profile}
            onChange={setProfile}
          />
          {resolved.state === 'error' ? (
            <p className="error-box" role="alert">
              This workflow does not resolve under{' '}
              {profile === '' ? 'the default profile' : `profile ${profile}`}: {describeError(resolved.error)}
            </p>
          ) : null}
          <fieldset>
            <legend>Inputs</legend>
            {resolved.state === 'loading' ? <p>Loading the input schema…</p> : null}
            {resolved.state === 'ready' ? (
              <InputsForm
                fields={fields}
                values={values}
                errors={errors}
                onChange={(field, value) =>
                  setForm((previous) => ({ ...previous, values: { ...previous.values, [field]: value } }))
                }
              />
            ) : null}
          </fieldset>
          <div>
            <button
              type="submit"
              data-testid="run-button"
              disabled={resolved.state !== 'ready' || run.state === 'starting'}
            >
              {run.state === 'starting' ? 'Starting…' : 'Run'}
            </button>
          </div>
          <div aria-live="polite">
            {run.state === 'failed' ? (
              <p className="error-box" role="alert">
                {run.message}
              </p>
            ) : null}
          </div>
        </form>
      </div>
    </section>
  );
}
