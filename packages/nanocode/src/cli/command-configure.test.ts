import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../server/parse-dotenv.js';
import { maskSecret, runConfigureCommand } from './command-configure.js';
import type { ConfigurePrompt } from './configure-prompt.js';
import { runCli } from './main.js';
import { memoryIo } from './memory-io.test-util.js';

const OPENAI = 'sk-test-OPENAI-1234567890abcdef';
const ANTHROPIC = 'sk-ant-test-ANTHROPIC-0987654321';

async function project(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nanocode-configure-'));
}

/** A prompt that answers from a queue and records what it was asked. */
function scriptedPrompt(
  answers: string[],
): ConfigurePrompt & { asked: { question: string; secret: boolean }[] } {
  const asked: { question: string; secret: boolean }[] = [];
  return {
    asked,
    ask: async (question) => {
      asked.push(question);
      return answers.shift() ?? '';
    },
    close: () => undefined,
  };
}

describe('nanocode configure, without a terminal', () => {
  it('writes .env (0600) from --set and NANOCODE_CONFIGURE_*, prints only masks, and a valid local profile', async () => {
    const cwd = await project();
    const io = memoryIo({ cwd, env: { NANOCODE_CONFIGURE_ANTHROPIC_API_KEY: ANTHROPIC } });
    const argv = ['configure', '--non-interactive', '--provider', 'openai', '--provider', 'anthropic'];
    const code = await runCli({
      argv: [...argv, '--provider', 'ollama', '--set', `OPENAI_API_KEY=${OPENAI}`],
      io,
    });
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const env = parseDotenv({ text: await readFile(join(cwd, '.env'), 'utf8') });
    expect(env).toEqual({
      OPENAI_API_KEY: OPENAI,
      ANTHROPIC_API_KEY: ANTHROPIC,
      OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1',
      OLLAMA_API_KEY: 'ollama',
    });
    expect((await stat(join(cwd, '.env'))).mode & 0o777).toBe(0o600);
    expect(io.out()).toContain('OPENAI_API_KEY=sk-…(set)');
    expect(io.out()).toContain('OLLAMA_BASE_URL=http://127.0.0.1:11434/v1');
    expect(io.out()).not.toContain(OPENAI.slice(3));
    expect(io.out()).not.toContain(ANTHROPIC.slice(3));
    const profile = await readFile(join(cwd, 'profiles/local.yaml'), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the profile's `${NAME}` reference, verbatim.
    expect(profile).toContain('api_key: ${OPENAI_API_KEY}\n');
    expect(profile).not.toContain(OPENAI);
  });

  it('writes a profile for every provider that validates with the .env it wrote', async () => {
    const cwd = await project();
    const providers = ['openai', 'anthropic', 'ollama', 'vllm', 'http'].flatMap((name) => [
      '--provider',
      name,
    ]);
    const set = [`OPENAI_API_KEY=${OPENAI}`, `ANTHROPIC_API_KEY=${ANTHROPIC}`, 'HTTP_MODEL_URL=http://m/gen'];
    const io = memoryIo({ cwd, env: { NANOCODE_CONFIGURE_HTTP_MODEL_TOKEN: 'token-value' } });
    const argv = [
      'configure',
      '--non-interactive',
      ...providers,
      ...set.flatMap((value) => ['--set', value]),
    ];
    expect(await runCli({ argv, io })).toBe(0);
    const env = parseDotenv({ text: await readFile(join(cwd, '.env'), 'utf8') });
    expect(Object.keys(env)).toHaveLength(8);
    const check = memoryIo({ cwd, env });
    expect(await runCli({ argv: ['validate', 'profiles/local.yaml'], io: check })).toBe(0);
    expect(await runCli({ argv: ['validate', 'profiles/local.yaml'], io: memoryIo({ cwd }) })).toBe(65);
  });

  it('merges into an existing .env, keeping comments and other variables', async () => {
    const cwd = await project();
    await writeFile(join(cwd, '.env'), '# keep\nOTHER=1\nOPENAI_API_KEY=old\n');
    const io = memoryIo({ cwd, env: { NANOCODE_CONFIGURE_OPENAI_API_KEY: 'new "quoted"\nvalue' } });
    expect(await runConfigureCommand({ dir: '.', set: [], providers: [], force: false, io })).toBe(0);
    const text = await readFile(join(cwd, '.env'), 'utf8');
    expect(text).toBe('# keep\nOTHER=1\nOPENAI_API_KEY="new \\"quoted\\"\\nvalue"\n');
    expect(parseDotenv({ text }).OPENAI_API_KEY).toBe('new "quoted"\nvalue');
  });

  it('keeps an existing profiles/local.yaml unless --force', async () => {
    const cwd = await project();
    await mkdir(join(cwd, 'profiles'));
    await writeFile(join(cwd, 'profiles/local.yaml'), 'mine\n');
    const run = (force: boolean) =>
      runConfigureCommand({ dir: '.', set: [], providers: ['vllm'], force, io: memoryIo({ cwd }) });
    expect(await run(false)).toBe(0);
    expect(await readFile(join(cwd, 'profiles/local.yaml'), 'utf8')).toBe('mine\n');
    expect(await run(true)).toBe(0);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the profile's `${NAME}` reference, verbatim.
    expect(await readFile(join(cwd, 'profiles/local.yaml'), 'utf8')).toContain('${VLLM_BASE_URL}');
  });

  it('says which keys are still missing, without failing', async () => {
    const cwd = await project();
    const io = memoryIo({ cwd });
    expect(await runConfigureCommand({ dir: '.', set: [], providers: ['openai'], force: false, io })).toBe(0);
    expect(io.err()).toContain('OPENAI_API_KEY is not set');
    expect(parseDotenv({ text: await readFile(join(cwd, '.env'), 'utf8') })).toEqual({});
  });

  it('refuses bad names, NUL values and unknown providers before writing anything', async () => {
    const cwd = await project();
    const cases: [string[], number, RegExp][] = [
      [['--set', 'lower=x'], 65, /NC_CLI_INPUT .*not a variable name/],
      [['--set', 'A=x\0y'], 65, /NC_CLI_INPUT .*NUL/],
      [['--set', 'novalue'], 64, /NC_CLI_USAGE .*NAME=VALUE/],
      [['--provider', 'nope'], 64, /NC_CLI_USAGE unknown provider nope/],
    ];
    for (const [extra, exit, message] of cases) {
      const io = memoryIo({ cwd });
      expect(await runCli({ argv: ['configure', '--non-interactive', ...extra], io })).toBe(exit);
      expect(io.err()).toMatch(message);
    }
    await expect(stat(join(cwd, '.env'))).rejects.toThrow(/ENOENT/);
  });
});

describe('nanocode configure, with a prompt', () => {
  it('asks for providers and values, hides secrets, and keeps current values on an empty answer', async () => {
    const cwd = await project();
    await writeFile(join(cwd, '.env'), 'OLLAMA_API_KEY=kept\n');
    const prompt = scriptedPrompt(['openai, ollama', OPENAI, 'http://gpu:11434/v1', '']);
    const io = memoryIo({ cwd });
    expect(await runConfigureCommand({ dir: '.', set: [], providers: [], force: false, io, prompt })).toBe(0);
    expect(prompt.asked.map((a) => [a.question.split(' (')[0], a.secret])).toEqual([
      ['Providers to set up', false],
      ['OpenAI API key OPENAI_API_KEY', true],
      ['Ollama base URL OLLAMA_BASE_URL', false],
      ['Ollama API key', true],
    ]);
    expect(parseDotenv({ text: await readFile(join(cwd, '.env'), 'utf8') })).toEqual({
      OLLAMA_API_KEY: 'kept',
      OPENAI_API_KEY: OPENAI,
      OLLAMA_BASE_URL: 'http://gpu:11434/v1',
    });
    expect(io.out()).not.toContain(OPENAI.slice(3));
  });

  it('does not ask for values given by --set', async () => {
    const cwd = await project();
    const prompt = scriptedPrompt([]);
    const set = [`ANTHROPIC_API_KEY=${ANTHROPIC}`];
    const io = memoryIo({ cwd });
    expect(
      await runConfigureCommand({ dir: '.', set, providers: ['anthropic'], force: false, io, prompt }),
    ).toBe(0);
    expect(prompt.asked).toEqual([]);
  });
});

describe('maskSecret', () => {
  it('shows at most three characters of long values and none of short ones', () => {
    expect(maskSecret({ value: OPENAI })).toBe('sk-…(set)');
    expect(maskSecret({ value: 'short-secret' })).toBe('…(set)');
    expect(maskSecret({ value: '' })).toBe('(empty)');
  });
});
