import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliIn, copyExamples, EXAMPLES, runExample } from './cli-project.test-util.js';

let project: string;

beforeAll(async () => {
  project = await copyExamples();
});

describe('nanocode replay', () => {
  it.each(EXAMPLES)('reproduces a stored run of $name from its recorded responses', async (example) => {
    const { runId } = await runExample({ cwd: project, example });
    const r = await cliIn({
      cwd: project,
      args: ['replay', runId, '--workflow', `${example.name}/workflow.yaml`],
    });
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^reproduced: \d+ verdicts, \d+ ladder moves and the predicate match/);
    expect(r.code).toBe(0);
  });

  it('reports each verdict that changes when a constraint parameter changes, and exits 1', async () => {
    const example = EXAMPLES[0];
    const { runId } = await runExample({ cwd: project, example });
    const original = await readFile(join(project, 'support-answer/workflow.yaml'), 'utf8');
    expect(original).toContain('kind: max_words, field: answer, value: 120');
    const changed = original.replace('value: 120', 'value: 3');
    await writeFile(join(project, 'support-answer/changed.yaml'), changed);
    const r = await cliIn({
      cwd: project,
      args: ['replay', runId, '--workflow', 'support-answer/changed.yaml'],
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^not reproduced: \d+ differences\n/);
    expect(r.out).toContain('step answer attempt 2 constraint short: recorded pass, replayed fail\n');
    expect(r.out).toContain('predicate constraints.2.status: recorded "enforced", replayed "violated"');
    expect(r.out).toContain('predicate outcome: recorded "certified", replayed "certified_with_exceptions"');
  });

  it('replays from an exported bundle directory that carries workflow.yaml, and --json reports it', async () => {
    const example = EXAMPLES[3];
    const { runId } = await runExample({ cwd: project, example });
    expect(
      (await cliIn({ cwd: project, args: ['cert', 'export', runId, '--format', 'bundle', '--out', 'pg'] }))
        .code,
    ).toBe(0);
    const missing = await cliIn({ cwd: project, args: ['replay', 'pg'] });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^NC_CLI_REPLAY .*\(use --workflow <file>\)/);
    await writeFile(
      join(project, 'pg/workflow.yaml'),
      await readFile(join(project, `${example.name}/workflow.yaml`)),
    );
    const r = await cliIn({ cwd: project, args: ['replay', 'pg', '--json'] });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      reproduced: boolean;
      differences: string[];
      recorded: { run_id: string };
    };
    expect(doc).toMatchObject({ reproduced: true, differences: [], recorded: { run_id: runId } });
  });
});
