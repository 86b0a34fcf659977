import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn, copyExamples } from './cli-project.test-util.js';

describe('nanocode run reads the project .env', () => {
  it('fills variables the environment does not set, and the environment wins', async () => {
    const project = await copyExamples();
    await mkdir(join(project, 'profiles'), { recursive: true });
    await writeFile(
      join(project, 'profiles/keyed.yaml'),
      [
        'kind: profile',
        'name: keyed',
        'providers:',
        '  openai:',
        `    api_key: ${'$'}{MY_PROVIDER_KEY}`,
        '',
      ].join('\n'),
    );
    const args = ['run', 'constraint-playground/workflow.yaml', '--profile', 'keyed', '--no-store'];
    const without = await cliIn({ cwd: project, args });
    expect(without.code).toBe(65);
    expect(without.err).toContain('NC_CFG_ENV_MISSING');
    await writeFile(join(project, '.env'), 'MY_PROVIDER_KEY="sk-from-dotenv"\n');
    const withDotenv = await cliIn({ cwd: project, args });
    expect(withDotenv.code).toBe(0);
    expect(withDotenv.out + withDotenv.err).not.toContain('sk-from-dotenv');
  });
});
