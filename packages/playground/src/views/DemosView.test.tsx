import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import acceptedAudience from '../fixtures/runs-accepted-audience-switcher.json';
import acceptedPlayground from '../fixtures/runs-accepted-constraint-playground.json';
import acceptedIdea from '../fixtures/runs-accepted-idea-to-risks.json';
import { mockApi } from '../fixtures/runs-mock-api.js';
import runAudience from '../fixtures/runs-run-audience-switcher.json';
import runPlayground from '../fixtures/runs-run-constraint-playground.json';
import runIdea from '../fixtures/runs-run-idea-to-risks.json';
import workflowAudience from '../fixtures/runs-workflow-audience-switcher.json';
import workflowPlayground from '../fixtures/runs-workflow-constraint-playground.json';
import workflowIdea from '../fixtures/runs-workflow-idea-to-risks.json';
import { parseHash } from '../router.js';
import { DemosView } from './DemosView.js';

// Replies recorded from `nanocode serve` on the examples (fixtures/runs-record.mjs): the 202 of an async
// POST /api/runs, the run's SSE replay, and the stored run.
const here = dirname(fileURLToPath(import.meta.url));
const sse = (name: string): string => readFileSync(join(here, `../fixtures/runs-sse-${name}.txt`), 'utf8');

const RECORDED = {
  'constraint-playground': { workflow: workflowPlayground, accepted: acceptedPlayground, run: runPlayground },
  'idea-to-risks': { workflow: workflowIdea, accepted: acceptedIdea, run: runIdea },
  'audience-switcher': { workflow: workflowAudience, accepted: acceptedAudience, run: runAudience },
} as const;
type Demo = keyof typeof RECORDED;

function serveDemos(options: { refuse?: Demo } = {}) {
  return mockApi((request) => {
    for (const [name, recorded] of Object.entries(RECORDED) as Array<[Demo, (typeof RECORDED)[Demo]]>) {
      const runId = recorded.accepted.run_id;
      if (request.path === `/api/workflows/${name}`) return { body: recorded.workflow };
      if (request.method === 'POST' && request.path === '/api/runs') {
        if ((request.body as { workflow: string }).workflow !== name) continue;
        if (options.refuse === name) {
          return {
            status: 404,
            body: { error: { code: 'NC_API_NOT_FOUND', message: `no workflow ${name}` } },
          };
        }
        return { status: 202, body: recorded.accepted };
      }
      if (request.path === `/api/runs/${runId}/events`)
        return { text: sse(name), contentType: 'text/event-stream' };
      if (request.path === `/api/runs/${runId}`) return { body: recorded.run };
    }
    return undefined;
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function runDemo(name: Demo): Promise<HTMLElement> {
  const panel = screen.getByTestId(`demo-${name}`);
  const button = await within(panel).findByTestId(`demo-run-${name}`);
  fireEvent.click(button);
  return within(panel)
    .findByTestId(`demo-result-${name}`, {}, { timeout: 5000 })
    .then(async (result) => {
      await within(panel).findByText(/^Finished:/, {}, { timeout: 5000 });
      return result;
    });
}

describe('DemosView', () => {
  it("prefills each demo's inputs from its example (or the workflow's default)", async () => {
    serveDemos();
    render(<DemosView route={parseHash('#/demos')} />);
    expect(((await screen.findByTestId('input-idea')) as HTMLTextAreaElement).value).toBe(
      'A grocery list two people can edit together',
    );
    expect(((await screen.findByTestId('input-product')) as HTMLTextAreaElement).value).toBe('Nanocode');
    expect(((await screen.findByTestId('input-message')) as HTMLTextAreaElement).value).toMatch(
      /^We now attach a signed/,
    );
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Constraint playground',
      'Idea → spec → tests → risks',
      'Audience switcher',
    ]);
  });

  it('runs the constraint playground and shows the server verdict of every constraint', async () => {
    const requests = serveDemos();
    render(<DemosView route={parseHash('#/demos')} />);
    const product = (await screen.findByTestId('input-product')) as HTMLTextAreaElement;
    fireEvent.change(product, { target: { value: 'Nanocode' } });
    const result = await runDemo('constraint-playground');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      workflow: 'constraint-playground',
      inputs: { product: 'Nanocode' },
      mode: 'async',
    });
    expect(within(result).getByTestId('demo-outcome-constraint-playground').textContent).toBe(
      'certified_with_exceptions',
    );
    const tone = within(result).getByTestId('demo-verdict-playground/tone');
    expect(tone.textContent).toContain('violated');
    expect(tone.textContent).toContain('fail');
    expect(tone.textContent).toContain('output matches /!/');
    expect(within(result).getByTestId('demo-verdict-$input/sane-input').textContent).toContain('enforced');
    expect(within(result).getByRole('table').querySelector('caption')?.textContent).toBe(
      'Verdicts per constraint (13 enforced, 1 violated)',
    );
    const link = within(result).getByRole('link', { name: /open the full run/ });
    expect(link.getAttribute('href')).toBe(`#/runs/${acceptedPlayground.run_id}`);
    expect(screen.getByTestId('demo-status-constraint-playground').textContent).toBe(
      'Finished: certified with exceptions.',
    );
  });

  it('shows idea → spec → tests → risks as step outputs in dependency order', async () => {
    serveDemos();
    render(<DemosView route={parseHash('#/demos')} />);
    const result = await runDemo('idea-to-risks');
    const steps = within(result).getAllByTestId(/^demo-step-/);
    expect(steps.map((s) => s.getAttribute('data-testid'))).toEqual([
      'demo-step-spec',
      'demo-step-tests',
      'demo-step-risks',
    ]);
    expect(steps[1]?.textContent).toContain('(reads spec)');
    expect(within(result).getByTestId('demo-output-spec').textContent).toContain(
      '"title": "Shared grocery list"',
    );
    expect(within(result).getByTestId('demo-output-risks').textContent).toContain(
      '- Sync conflicts lose items',
    );
    expect(within(result).getByTestId('step-graph')).toBeTruthy();
  });

  it('shows the audience variants side by side, with the retry the post needed', async () => {
    serveDemos();
    render(<DemosView route={parseHash('#/demos')} />);
    const result = await runDemo('audience-switcher');
    const cards = within(result).getAllByTestId(/^demo-variant-/);
    expect(cards.map((c) => c.getAttribute('data-testid'))).toEqual([
      'demo-variant-child',
      'demo-variant-executive',
      'demo-variant-engineer',
      'demo-variant-tweet',
    ]);
    const tweet = within(result).getByTestId('demo-variant-tweet');
    expect(tweet.textContent).toContain('Ask our team for a demo.');
    expect(tweet.textContent).not.toContain('jane.doe@example.com');
    expect(within(tweet).getByTestId('ladder-move').textContent).toContain('no-pii');
    expect(tweet.textContent).toContain('2 attempts');
  });

  it('asks for a required input instead of starting a run without it', async () => {
    const requests = serveDemos();
    render(<DemosView route={parseHash('#/demos')} />);
    const idea = (await screen.findByTestId('input-idea')) as HTMLTextAreaElement;
    fireEvent.change(idea, { target: { value: '' } });
    const panel = screen.getByTestId('demo-idea-to-risks');
    fireEvent.click(within(panel).getByTestId('demo-run-idea-to-risks'));
    // The browser's own required-field check stops the form; the field says why.
    expect(idea.required).toBe(true);
    expect(idea.validity.valueMissing).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    expect(within(panel).queryByTestId('demo-result-idea-to-risks')).toBeNull();
  });

  it("shows the server's error when a run cannot start", async () => {
    serveDemos({ refuse: 'idea-to-risks' });
    render(<DemosView route={parseHash('#/demos')} />);
    const panel = screen.getByTestId('demo-idea-to-risks');
    fireEvent.click(await within(panel).findByTestId('demo-run-idea-to-risks'));
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toContain('NC_API_NOT_FOUND');
    expect(within(panel).queryByTestId('demo-result-idea-to-risks')).toBeNull();
  });
});
