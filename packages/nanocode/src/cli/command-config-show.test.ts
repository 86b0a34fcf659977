import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runConfigShowCommand } from './command-config-show.js';
import { runInitCommand } from './command-init.js';
import { memoryIo } from './memory-io.test-util.js';

let project: string;
const hello = () => join(project, 'workflows/hello.yaml');

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'nanocode-cmd-'));
  expect(await runInitCommand({ dir: '.', force: false, io: memoryIo({ cwd: project }) })).toBe(0);
});

describe('runConfigShowCommand', () => {
  it('summarises, or prints the resolved configuration as YAML or JSON', async () => {
    const summary = memoryIo({ cwd: project });
    expect(
      await runConfigShowCommand({
        workflowFile: hello(),
        profile: 'prod',
        resolved: false,
        json: false,
        io: summary,
      }),
    ).toBe(0);
    expect(summary.out()).toMatch(/^workflow hello v1 {2}sha256:[0-9a-f]{64}\nprofile {2}prod /);
    expect(summary.out()).toContain('sources  workflows/hello.yaml, profiles/prod.yaml, profiles/dev.yaml');

    const yaml = memoryIo({ cwd: project });
    await runConfigShowCommand({
      workflowFile: hello(),
      profile: 'prod',
      resolved: true,
      json: false,
      io: yaml,
    });
    expect(yaml.out()).toContain('severity: soft');

    const json = memoryIo({ cwd: project });
    await runConfigShowCommand({
      workflowFile: hello(),
      profile: 'prod',
      resolved: true,
      json: true,
      io: json,
    });
    const config = JSON.parse(json.out()) as { profile: { name: string; budget: { attempts: number } } };
    expect(config.profile).toMatchObject({ name: 'prod', budget: { attempts: 4 } });
  });
});
