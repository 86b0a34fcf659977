import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROFILES, SUPPORT_ANSWER_WORKFLOW, VALIDATE_ERRORS } from '../fixtures/recorded.js';
import { parseHash } from '../router.js';
import { WorkflowView } from './WorkflowView.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const notFound = (url: string) => json({ error: { code: 'NC_API_NOT_FOUND', message: url } }, 404);

const SOURCE = 'name: support-answer\nversion: 3\n# the file text\n';

function serve(options: { source?: boolean } = {}) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === '/api/profiles') return json(PROFILES);
    if (url === '/api/workflows/support-answer/source') {
      return options.source === false
        ? notFound(url)
        : json({ name: 'support-answer', file: 'examples/support-answer/workflow.yaml', text: SOURCE });
    }
    if (url.startsWith('/api/workflows/support-answer')) return json(SUPPORT_ANSWER_WORKFLOW);
    if (url === '/api/workflows/validate') {
      return json(String(init.body).includes('no_such_kind') ? VALIDATE_ERRORS : { ok: true, errors: [] });
    }
    if (url === '/api/runs' && init.method === 'POST') {
      return json(
        { run_id: 'run-1', status: 'running', location: '/api/runs/run-1', events: '/api/runs/run-1/events' },
        202,
      );
    }
    return notFound(url);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  globalThis.location.hash = '';
});

describe('WorkflowView', () => {
  it("loads the file's text into a labelled editor and validates it through the API", async () => {
    const fetch = serve();
    render(<WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer')} />);
    const editor = (await screen.findByLabelText('Workflow YAML')) as HTMLTextAreaElement;
    expect(editor.dataset.testid).toBe('yaml-editor');
    expect(editor.value).toBe(SOURCE);
    expect(await screen.findByText('The server found no problems.')).toBeDefined();
    const validate = fetch.mock.calls.find(([url]) => url === '/api/workflows/validate');
    expect(validate?.[1]?.body).toBe(SOURCE);
    expect((validate?.[1]?.headers as Record<string, string> | undefined)?.['content-type']).toBe(
      'application/yaml',
    );
  });

  it("shows each of the server's problems at its line, in the gutter and in a list", async () => {
    serve();
    render(<WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer')} />);
    const editor = await screen.findByTestId('yaml-editor');
    const broken = [
      'name: broken',
      'version: 1',
      'steps:',
      '  answer:',
      '    model: [scripted:primary]',
      '    prompt: { user: "Hi" }',
      '    constraints:',
      '      - { id: shape, kind: json_schema, schema: { type: object } }',
      '      - { id: odd, kind: no_such_kind }',
      'budget: { attempts: many }',
    ].join('\n');
    fireEvent.change(editor, { target: { value: broken } });
    const items = await screen.findAllByTestId('validation-error');
    expect(
      items.map((item) => [item.getAttribute('data-line'), item.querySelector('strong')?.textContent]),
    ).toEqual([
      ['9', 'Line 9:26'],
      ['10', 'Line 10:21'],
    ]);
    expect(items[0]?.textContent).toContain('NC_CFG_UNKNOWN_KIND');
    expect(items[0]?.textContent).toContain('unknown constraint kind `no_such_kind`');
    const gutter = document.querySelectorAll('.editor-gutter li');
    const marked = [...gutter].filter((li) => li.classList.contains('has-error')).map((li) => li.textContent);
    expect(marked).toEqual(['● 9', '● 10']);
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('validation-status').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('edited-note')).toBeDefined();
  });

  it('marks an edit as unsaved and undoes it back to the file', async () => {
    serve();
    render(<WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer')} />);
    const editor = (await screen.findByTestId('yaml-editor')) as HTMLTextAreaElement;
    expect(screen.queryByTestId('edited-note')).toBeNull();
    fireEvent.change(editor, { target: { value: `${SOURCE}# mine\n` } });
    expect(editor.value).toBe(`${SOURCE}# mine\n`);
    fireEvent.click(within(screen.getByTestId('edited-note')).getByRole('button', { name: 'Undo edits' }));
    expect(editor.value).toBe(SOURCE);
    expect(screen.queryByTestId('edited-note')).toBeNull();
  });

  it("says with the server's code when the workflow cannot be loaded, and tries again", async () => {
    let down = true;
    const fetch = serve();
    const served = fetch.getMockImplementation();
    fetch.mockImplementation(async (url: string, init?: RequestInit) => {
      if (down && url.startsWith('/api/workflows/support-answer')) throw new TypeError('Failed to fetch');
      return (served as NonNullable<typeof served>)(url, init);
    });
    render(<WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer')} />);
    await waitFor(() =>
      expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('NETWORK'))).toBe(true),
    );
    down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(((await screen.findByTestId('yaml-editor')) as HTMLTextAreaElement).value).toBe(SOURCE);
  });

  it('falls back to the resolved workflow as YAML when the server does not serve the file', async () => {
    serve({ source: false });
    render(<WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer')} />);
    const editor = (await screen.findByTestId('yaml-editor')) as HTMLTextAreaElement;
    expect(editor.value).toContain('name: support-answer\nversion: "3"\n');
    expect(editor.value).toContain('  question:\n    type: string\n    maxLength: 4000\n');
  });

  it('generates the inputs form, refuses empty required inputs, and starts an async run', async () => {
    const fetch = serve();
    render(
      <WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer?profile=dev')} />,
    );
    const question = await screen.findByLabelText(/question/);
    const context = screen.getByLabelText(/context/);
    expect(question.tagName).toBe('TEXTAREA');
    expect(question.getAttribute('maxlength')).toBe('4000');
    expect(screen.getByLabelText('Profile')).toHaveProperty('value', 'dev');
    await waitFor(() =>
      expect(within(screen.getByLabelText('Profile')).getAllByRole('option')).toHaveLength(4),
    );

    fireEvent.click(screen.getByTestId('run-button'));
    expect(await screen.findByText('question: required')).toBeDefined();
    expect(fetch.mock.calls.some(([url, init]) => url === '/api/runs' && init?.method === 'POST')).toBe(
      false,
    );

    fireEvent.change(question, { target: { value: 'How long do refunds take?' } });
    fireEvent.change(context, { target: { value: 'Refunds take 5 days.' } });
    fireEvent.click(screen.getByTestId('run-button'));
    await waitFor(() => expect(globalThis.location.hash).toBe('#/runs/run-1'));
    const post = fetch.mock.calls.find(([url, init]) => url === '/api/runs' && init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      workflow: 'support-answer',
      profile: 'dev',
      inputs: { question: 'How long do refunds take?', context: 'Refunds take 5 days.' },
      mode: 'async',
    });
  });

  it("shows the server's error when a run cannot start", async () => {
    serve();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url === '/api/runs' && init.method === 'POST') {
          return json(
            { error: { code: 'NC_API_FORBIDDEN', message: 'role auditor may not run workflows' } },
            403,
          );
        }
        if (url === '/api/profiles') return json(PROFILES);
        if (url.endsWith('/source')) return notFound(url);
        return json(SUPPORT_ANSWER_WORKFLOW);
      }),
    );
    render(<WorkflowView name="support-answer" route={parseHash('#/workflows/support-answer')} />);
    fireEvent.change(await screen.findByLabelText(/question/), { target: { value: 'q' } });
    fireEvent.change(screen.getByLabelText(/context/), { target: { value: 'c' } });
    fireEvent.click(screen.getByTestId('run-button'));
    expect((await screen.findByText(/NC_API_FORBIDDEN/)).textContent).toContain(
      'role auditor may not run workflows',
    );
  });
});
