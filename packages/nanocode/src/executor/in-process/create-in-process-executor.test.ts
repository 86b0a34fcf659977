import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import type { RunEvent } from '../../spec/events.js';
import { createMemoryStore } from '../../store/memory/create-memory-store.js';
import { createInProcessExecutor } from './create-in-process-executor.js';

const config = resolveConfig({
  workflow: {
    name: 'hello',
    version: 1,
    steps: { answer: { model: ['scripted:m'], prompt: { user: 'Hello.' } } },
    scripted: { m: { answer: [{ text: 'hi' }] } },
  },
  profiles: [{ name: 'test' }],
  profile: 'test',
});

async function executor() {
  const store = createMemoryStore();
  const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-inproc-'));
  return { store, executor: createInProcessExecutor({ store, keyDir, env: {} }) };
}

describe('createInProcessExecutor', () => {
  it('executes, stores and certifies a run under the given tenant, passing each event on', async () => {
    const { store, executor: inProcess } = await executor();
    const seen: RunEvent[] = [];
    const executed = await inProcess.execute({
      config,
      inputs: {},
      run_id: 'r1',
      tenant: 'acme',
      onEvent: (e) => seen.push(e),
    });
    expect(executed.result.outcome).toBe('certified');
    expect(executed.certificate).toMatchObject({ log_index: 0 });
    expect(seen.map((e) => e.type)).toEqual(executed.result.events.map((e) => e.type));
    expect((await store.getRun({ run_id: 'r1' }))?.summary.tenant).toBe('acme');
    expect(await inProcess.list({ tenant: 'acme' })).toEqual([
      expect.objectContaining({ run_id: 'r1', status: 'finished', outcome: 'certified', workflow: 'hello' }),
    ]);
  });

  it('runs a submitted id once; a second submission is deduplicated', async () => {
    const { executor: inProcess } = await executor();
    expect(await inProcess.submit({ config, inputs: {}, run_id: 'same' })).toEqual({
      run_id: 'same',
      deduplicated: false,
    });
    expect(await inProcess.submit({ config, inputs: {}, run_id: 'same' })).toEqual({
      run_id: 'same',
      deduplicated: true,
    });
    await inProcess.close();
  });

  it('cancels a run in progress (it ends stopped), reports finished ones, and refuses unknown ones', async () => {
    const { executor: inProcess } = await executor();
    const controller = new AbortController();
    const running = inProcess.execute({ config, inputs: {}, run_id: 'c1', signal: controller.signal });
    expect(await inProcess.cancel({ run_id: 'c1' })).toEqual({ run_id: 'c1', status: 'cancelling' });
    const executed = await running;
    expect(executed.result.outcome).toBe('stopped');
    expect(await inProcess.cancel({ run_id: 'c1' })).toEqual({
      run_id: 'c1',
      status: 'finished',
      outcome: 'stopped',
    });
    await expect(inProcess.cancel({ run_id: 'c1', tenant: 'other' })).rejects.toMatchObject({
      code: 'NC_EXEC_NOT_FOUND',
    });
    await expect(inProcess.cancel({ run_id: 'nope' })).rejects.toMatchObject({ code: 'NC_EXEC_NOT_FOUND' });
  });
});
