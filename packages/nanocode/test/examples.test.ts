import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAdapterResolver } from '../src/compose/create-adapter-resolver.js';
import { loadConfig } from '../src/config/index.js';
import { verifyChain } from '../src/evidence/index.js';
import { runWorkflow } from '../src/runner/index.js';
import type { RunEvent } from '../src/spec/events.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');

async function runExample(options: { name: string; profile?: string }) {
  const dir = join(examples, options.name);
  const config = await loadConfig({
    workflowFile: join(dir, 'workflow.yaml'),
    ...(options.profile ? { profile: options.profile } : {}),
    env: {},
  });
  let inputs: Record<string, unknown> = {};
  try {
    inputs = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // Examples without inputs.json run on their declared defaults.
  }
  const result = await runWorkflow({ config, inputs, adapters: createAdapterResolver({ config }) });
  expect(verifyChain({ header: result.header, events: result.events }).ok).toBe(true);
  return result;
}

const statusesOf = (events: RunEvent[]) => (events.at(-1) as RunEvent<'run.completed'>).data.constraints;

const moves = (events: RunEvent[]) =>
  events.filter((e) => e.type === 'recovery.chosen').map((e) => (e.data as { strategy: string }).strategy);

describe('examples run offline on their scripted (demo) replies', () => {
  it('support-answer climbs retry → retry → fallback → retry → repair and is certified', async () => {
    const result = await runExample({ name: 'support-answer', profile: 'dev' });
    expect(moves(result.events)).toEqual(['retry', 'retry', 'fallback', 'retry', 'repair']);
    expect(result.outcome).toBe('certified');
    expect(result.output).toMatchObject({ quotes: ['Refunds are processed within 5 business days'] });
  });

  it('constraint-playground records a soft violation, waived under the prod profile', async () => {
    const dev = await runExample({ name: 'constraint-playground', profile: 'dev' });
    expect(dev.outcome).toBe('certified_with_exceptions');
    const statuses = statusesOf(dev.events);
    expect(statuses.find((s) => s.id === 'tone')?.status).toBe('violated');
    expect(statuses.filter((s) => s.status === 'enforced').length).toBeGreaterThanOrEqual(12);
    const prod = await runExample({ name: 'constraint-playground', profile: 'prod' });
    const prodStatuses = statusesOf(prod.events);
    expect(prodStatuses.find((s) => s.id === 'tone')?.status).toBe('waived');
    expect(prod.events.some((e) => e.type === 'waiver.applied')).toBe(true);
  });

  it('idea-to-risks runs its chain in order and repairs the first step', async () => {
    const result = await runExample({ name: 'idea-to-risks' });
    expect(result.outcome).toBe('certified');
    const started = result.events.filter((e) => e.type === 'step.started').map((e) => e.step);
    expect(started).toEqual(['spec', 'tests', 'risks']);
    expect(moves(result.events)).toContain('repair');
    expect(String(result.output)).toContain('- Sync conflicts');
  });

  it('audience-switcher fans out four steps concurrently and returns all four', async () => {
    const result = await runExample({ name: 'audience-switcher' });
    expect(result.outcome).toBe('certified');
    expect(Object.keys(result.output as object).sort()).toEqual(['child', 'engineer', 'executive', 'tweet']);
    const types = result.events.map((e) => `${e.type}:${e.step ?? ''}`);
    // All four steps start before the first one completes.
    const firstCompleted = types.findIndex((t) => t.startsWith('step.completed'));
    expect(types.slice(0, firstCompleted).filter((t) => t.startsWith('step.started')).length).toBe(4);
    expect(moves(result.events)).toEqual(['retry']);
  });
});
