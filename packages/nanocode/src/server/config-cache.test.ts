import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createConfigCache } from './config-cache.js';

describe('createConfigCache', () => {
  it('reuses a loaded configuration until one of its source files changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cache-'));
    const file = join(dir, 'workflow.yaml');
    const text = 'name: cached\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: hi }\n';
    await writeFile(file, text);
    let loads = 0;
    const load = createConfigCache({
      load: ({ file: f }) => {
        loads += 1;
        return loadConfig({ workflowFile: f });
      },
    });
    const first = await load({ file });
    expect(await load({ file })).toBe(first);
    expect(loads).toBe(1);
    await writeFile(file, (await readFile(file, 'utf8')).replace('version: 1', 'version: 2 '));
    const second = await load({ file });
    expect(loads).toBe(2);
    expect(second.workflow.version).toBe('2');
    expect(second.digest).not.toBe(first.digest);
  });
});
