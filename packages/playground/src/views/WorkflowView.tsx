import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { describeError } from '../api/client.js';
import { startAsyncRun } from '../api/run-document.js';
import type { ProfileInfo, ResolvedWorkflow } from '../api/types.js';
import { getResolvedWorkflow, getWorkflowSource, listProfiles } from '../api/workflows.js';
import { InputsForm } from '../components/InputsForm.js';
import { ProfilePicker } from '../components/ProfilePicker.js';
import { useValidation } from '../components/useValidation.js';
import { YamlEditor } from '../components/YamlEditor.js';
import { collectInputs, type FieldValue, initialValues, inputFields } from '../model/input-fields.js';
import { toYaml } from '../model/to-yaml.js';
import { href, navigate, type Route } from '../router.js';

type Source =
  | { state: 'loading' }
  | { state: 'done'; text: string; resolved: boolean }
  | { state: 'failed'; error: unknown };

/**
 * One workflow: its YAML in an editor validated by the server as you type, an inputs form generated
 * from its input schema, a profile picker, and a Run button that starts an async run and opens it.
 */
export function WorkflowView(props: { name: string; route: Route }): ReactNode {
  const { name } = props;
  const [profile, setProfile] = useState(() => props.route.query.get('profile') ?? '');
  const [profiles, setProfiles] = useState<ProfileInfo[]>([]);
  const [resolved, setResolved] = useState<
    { state: 'loading' } | { state: 'done'; value: ResolvedWorkflow } | { state: 'failed'; error: unknown }
  >({ state: 'loading' });
  const [source, setSource] = useState<Source>({ state: 'loading' });
  const [text, setText] = useState('');
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [run, setRun] = useState<
    { state: 'idle' } | { state: 'starting' } | { state: 'failed'; message: string }
  >({
    state: 'idle',
  });
  const validation = useValidation({ text });

  useEffect(() => {
    const controller = new AbortController();
    listProfiles({ signal: controller.signal }).then(setProfiles, () => setProfiles([]));
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setResolved({ state: 'loading' });
    getResolvedWorkflow({ name, profile, signal: controller.signal }).then(
      (value) => setResolved({ state: 'done', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResolved({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [name, profile]);

  useEffect(() => {
    const controller = new AbortController();
    setSource({ state: 'loading' });
    getWorkflowSource({ name, signal: controller.signal }).then(
      (found) => {
        if (found !== undefined) {
          setSource({ state: 'done', text: found.text, resolved: false });
          setText(found.text);
        } else {
          // Without the file's text, the workflow as the server resolved it (under its default profile).
          getResolvedWorkflow({ name, signal: controller.signal }).then(
            (value) => {
              const yaml = toYaml(value.workflow);
              setSource({ state: 'done', text: yaml, resolved: true });
              setText(yaml);
            },
            (error: unknown) => {
              if (!controller.signal.aborted) setSource({ state: 'failed', error });
            },
          );
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSource({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [name]);

  const workflow = resolved.state === 'done' ? resolved.value.workflow : undefined;
  const fields = useMemo(() => inputFields(workflow?.inputs ?? {}), [workflow]);
  const fieldKey = fields.map((field) => field.name).join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the declared inputs change, not on every refetch
  useEffect(() => {
    setValues(initialValues(fields));
    setErrors({});
  }, [fieldKey]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const collected = collectInputs({ fields, values });
    setErrors(collected.errors);
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

  const edited = source.state === 'done' && text !== source.text;
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
          {source.state === 'failed' ? (
            <p className="error-box" role="alert">
              The workflow could not be loaded: {describeError(source.error)}
            </p>
          ) : null}
          {source.state === 'done' ? (
            <>
              {source.resolved ? (
                <p className="muted">
                  Shown as the server resolved it (every default filled): this server does not serve the
                  file's own text.
                </p>
              ) : null}
              <YamlEditor value={text} onChange={setText} validation={validation} />
              {edited ? (
                <p className="muted" data-testid="edited-note">
                  Your edits are checked by the server but not saved: a run uses the workflow file on the
                  server.{' '}
                  <button type="button" className="secondary" onClick={() => setText(source.text)}>
                    Undo edits
                  </button>
                </p>
              ) : null}
            </>
          ) : null}
        </div>
        <form onSubmit={onSubmit} className="stack" aria-labelledby="run-form-title" noValidate>
          <h2 id="run-form-title">Run it</h2>
          <ProfilePicker profiles={profiles} value={profile} onChange={setProfile} />
          {resolved.state === 'failed' ? (
            <p className="error-box" role="alert">
              This workflow does not resolve under{' '}
              {profile === '' ? 'the default profile' : `profile ${profile}`}: {describeError(resolved.error)}
            </p>
          ) : null}
          <fieldset>
            <legend>Inputs</legend>
            {resolved.state === 'loading' ? <p>Loading the input schema…</p> : null}
            {resolved.state === 'done' ? (
              <InputsForm
                fields={fields}
                values={values}
                errors={errors}
                onChange={(field, value) => setValues((previous) => ({ ...previous, [field]: value }))}
              />
            ) : null}
          </fieldset>
          <div>
            <button
              type="submit"
              data-testid="run-button"
              disabled={resolved.state !== 'done' || run.state === 'starting'}
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
