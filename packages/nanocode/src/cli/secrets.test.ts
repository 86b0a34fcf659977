import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliCall, cliIn, copyExamples, EXAMPLES, runExample } from './cli-project.test-util.js';

const SENTINEL = 'sk-test-SENTINEL-7f3a9c1e5b2d4086';

/** True when `text` holds the sentinel in the clear, or inside any base64 run (DSSE payloads are base64). */
function leaks(text: string): boolean {
  if (text.includes(SENTINEL)) return true;
  for (const match of text.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)) {
    if (Buffer.from(match[0], 'base64').toString('latin1').includes(SENTINEL)) return true;
  }
  return false;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('secrets never reach an artifact', () => {
  it('keeps an API key from the environment out of output, the store, keys, certificates and every export', async () => {
    const project = await copyExamples();
    await writeFile(
      join(project, 'profiles/secret.yaml'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the profile's own `${ENV}` reference, verbatim.
      'kind: profile\nname: secret\nextends: dev\nproviders:\n  openai:\n    api_key: "${OPENAI_API_KEY}"\n',
    );
    const env = { OPENAI_API_KEY: SENTINEL };
    const calls: CliCall[] = [];
    const { call, runId } = await runExample({
      cwd: project,
      example: EXAMPLES[0],
      extra: ['--profile', 'secret'],
      env,
    });
    calls.push(call);
    expect(call.code).toBe(0);
    const cli = async (args: string[]) => {
      const r = await cliIn({ cwd: project, args, env });
      calls.push(r);
      return r;
    };
    expect(
      (
        await cli([
          'run',
          'support-answer/workflow.yaml',
          '--input-file',
          'support-answer/inputs.json',
          '--profile',
          'secret',
        ])
      ).code,
    ).toBe(0);
    expect(
      (await cli(['config', 'show', 'support-answer/workflow.yaml', '--profile', 'secret', '--resolved']))
        .code,
    ).toBe(0);
    expect((await cli(['cert', 'show', runId])).code).toBe(0);
    expect((await cli(['cert', 'show', runId, '--json'])).code).toBe(0);
    expect((await cli(['cert', 'verify', runId, '--json'])).code).toBe(0);
    for (const format of ['otlp', 'junit', 'sarif', 'html']) {
      expect((await cli(['cert', 'export', runId, '--format', format])).code).toBe(0);
      expect(
        (await cli(['cert', 'export', runId, '--format', format, '--out', `export.${format}`])).code,
      ).toBe(0);
    }
    expect((await cli(['cert', 'export', runId, '--format', 'bundle', '--out', 'bundle'])).code).toBe(0);
    expect((await cli(['log', 'prove-inclusion', runId, '--out', 'proof.tlog'])).code).toBe(0);
    expect((await cli(['keys', 'list', '--json'])).code).toBe(0);
    expect(
      (await cli(['replay', runId, '--workflow', 'support-answer/workflow.yaml', '--profile', 'secret']))
        .code,
    ).toBe(0);

    // The scan must be able to find the secret where it is meant to be: the profile that names it.
    expect(leaks(Buffer.from(`{"k":"${SENTINEL}"}`).toString('base64'))).toBe(true);
    for (const { out, err } of calls) {
      expect(leaks(out)).toBe(false);
      expect(leaks(err)).toBe(false);
    }
    const files = await filesUnder(project);
    const scanned = files.filter((f) => /\.nanocode|bundle|export\.|proof\.tlog/.test(f));
    expect(scanned.some((f) => f.endsWith('nanocode.db'))).toBe(true);
    expect(scanned.some((f) => f.endsWith('certificate.json'))).toBe(true);
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      expect({ file, leaks: leaks(text) }).toEqual({ file, leaks: false });
    }
  }, 60_000);
});
