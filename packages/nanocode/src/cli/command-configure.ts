import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDotenv } from '../server/parse-dotenv.js';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { collectOption } from './collect-option.js';
import type { CommandContext } from './command-context.js';
import { checkDotenvEntry, mergeDotenv } from './configure-dotenv.js';
import { type ConfigurePrompt, createReadlinePrompt } from './configure-prompt.js';
import {
  isPlainSetting,
  isProviderName,
  localProfileYaml,
  PROVIDER_NAMES,
  type ProviderName,
  type ProviderVariable,
  providerSetup,
} from './configure-providers.js';
import { writeFileAtomic } from './configure-write-file.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { reportError } from './report-error.js';

/** Environment variables named `NANOCODE_CONFIGURE_<NAME>` give `NAME` without putting it on the command line. */
export const CONFIGURE_ENV_PREFIX = 'NANOCODE_CONFIGURE_';

/** Options of `nanocode configure`. */
export interface ConfigureCommandOptions {
  /** Project directory, relative to the io's cwd. */
  dir: string;
  /** `NAME=VALUE` assignments from `--set`. */
  set: string[];
  /** Providers to set up; asked for when empty and a prompt is given. */
  providers: string[];
  /** Overwrite an existing `profiles/local.yaml`. */
  force: boolean;
  /** Asks for missing values; absent when not interactive. */
  prompt?: ConfigurePrompt;
  io: CliIo;
}

/** `sk-…(set)`: at most three leading characters of a long secret, so a key can be told apart, not read. */
export function maskSecret(options: { value: string }): string {
  if (options.value === '') return '(empty)';
  return options.value.length >= 16 ? `${options.value.slice(0, 3)}…(set)` : '…(set)';
}

function parseAssignment(options: { text: string }): [string, string] {
  const at = options.text.indexOf('=');
  if (at <= 0) {
    throw new NanocodeError({
      code: 'NC_CLI_USAGE',
      message: `--set ${JSON.stringify(options.text.split('=')[0])} is not NAME=VALUE`,
    });
  }
  return [options.text.slice(0, at), options.text.slice(at + 1)];
}

/** Values given without asking: `NANOCODE_CONFIGURE_<NAME>` variables, overridden by `--set`. */
function givenValues(options: { set: string[]; env: CliIo['env'] }): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(options.env)) {
    if (key.startsWith(CONFIGURE_ENV_PREFIX) && value !== undefined && key !== CONFIGURE_ENV_PREFIX) {
      values.set(key.slice(CONFIGURE_ENV_PREFIX.length), value);
    }
  }
  for (const text of options.set) values.set(...parseAssignment({ text }));
  for (const [name, value] of values) checkDotenvEntry({ name, value });
  return values;
}

async function chooseProviders(options: {
  given: string[];
  prompt?: ConfigurePrompt;
}): Promise<ProviderName[]> {
  let names = options.given;
  if (names.length === 0 && options.prompt !== undefined) {
    const answer = await options.prompt.ask({
      question: `Providers to set up (comma-separated: ${PROVIDER_NAMES.join(', ')}; empty for none): `,
      secret: false,
    });
    names = answer.split(/[\s,]+/).filter((name) => name !== '');
  }
  const unknown = names.filter((name) => !isProviderName(name));
  if (unknown.length > 0) {
    throw new NanocodeError({
      code: 'NC_CLI_USAGE',
      message: `unknown provider ${unknown.join(', ')}`,
      hint: `choose from ${PROVIDER_NAMES.join(', ')}`,
    });
  }
  return [...new Set(names as ProviderName[])];
}

async function readIfExists(options: { file: string }): Promise<string | undefined> {
  try {
    return await readFile(options.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The value for a provider variable: given, else asked (keeping what `.env` has on an empty answer), else its default. */
async function valueFor(options: {
  variable: ProviderVariable;
  given: Map<string, string>;
  present: boolean;
  prompt?: ConfigurePrompt;
}): Promise<string | undefined> {
  const { variable, prompt } = options;
  const given = options.given.get(variable.name);
  if (given !== undefined) return given;
  if (prompt !== undefined) {
    const keep = options.present
      ? 'empty keeps the current value'
      : `empty for ${variable.default ?? 'none'}`;
    const answer = await prompt.ask({
      question: `${variable.label} ${variable.name} (${keep}): `,
      secret: variable.secret,
    });
    if (answer !== '') return answer;
  }
  return options.present ? undefined : variable.default;
}

/**
 * Sets up providers and keys: writes the chosen values into `<dir>/.env` (merged, quoted, atomically,
 * mode 0600) and, when none exists, a `profiles/local.yaml` that references them. Values come from
 * `--set`, `NANOCODE_CONFIGURE_<NAME>` variables and, with a prompt, the user. Secrets are printed masked.
 */
export async function runConfigureCommand(options: ConfigureCommandOptions): Promise<ExitCode> {
  const { io, prompt } = options;
  const root = resolve(io.cwd, options.dir);
  try {
    const given = givenValues({ set: options.set, env: io.env });
    const providers = await chooseProviders({ given: options.providers, ...(prompt ? { prompt } : {}) });
    const envFile = join(root, '.env');
    const existing = (await readIfExists({ file: envFile })) ?? '';
    const current = parseDotenv({ text: existing });
    const values: Record<string, string> = {};
    const missing: string[] = [];
    for (const name of providers) {
      for (const variable of providerSetup({ name }).variables) {
        const present = Object.hasOwn(current, variable.name) && current[variable.name] !== '';
        const value = await valueFor({ variable, given, present, ...(prompt ? { prompt } : {}) });
        if (value !== undefined) values[variable.name] = value;
        else if (!present) missing.push(variable.name);
      }
    }
    for (const [name, value] of given) values[name] ??= value;
    await mkdir(root, { recursive: true });
    await writeFileAtomic({ file: envFile, text: mergeDotenv({ text: existing, values }) });
    const shown = (name: string, value: string) => (isPlainSetting({ name }) ? value : maskSecret({ value }));
    io.stdout.write(`wrote ${join(options.dir, '.env')}\n`);
    for (const [name, value] of Object.entries(values)) io.stdout.write(`  ${name}=${shown(name, value)}\n`);
    for (const name of missing) {
      io.stderr.write(`${name} is not set: add --set ${name}=... or ${CONFIGURE_ENV_PREFIX}${name}\n`);
    }
    if (providers.length > 0)
      await writeLocalProfile({ root, dir: options.dir, providers, force: options.force, io });
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  } finally {
    prompt?.close();
  }
}

async function writeLocalProfile(options: {
  root: string;
  dir: string;
  providers: ProviderName[];
  force: boolean;
  io: CliIo;
}): Promise<void> {
  const file = join(options.root, 'profiles/local.yaml');
  const shown = join(options.dir, 'profiles/local.yaml');
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists && !options.force) {
    options.io.stdout.write(`kept ${shown} (it exists; --force replaces it)\n`);
    return;
  }
  await mkdir(join(options.root, 'profiles'), { recursive: true });
  await writeFile(file, localProfileYaml({ providers: options.providers }));
  options.io.stdout.write(`wrote ${shown} (profile "local")\n`);
}

/**
 * Registers `nanocode configure`. It asks questions only when stdin is a terminal and
 * `--non-interactive` is not given; otherwise it takes values from `--set` and the environment.
 */
export function registerConfigureCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('configure')
    .description('Set up providers and keys: writes .env (0600, merged) and profiles/local.yaml.')
    .option('--dir <dir>', 'project directory', '.')
    .option(
      '--set <NAME=VALUE>',
      `a value to write; repeatable (or set ${CONFIGURE_ENV_PREFIX}<NAME>)`,
      collectOption,
      [],
    )
    .option(
      '--provider <name>',
      `a provider to set up: ${PROVIDER_NAMES.join(', ')}; repeatable`,
      collectOption,
      [],
    )
    .option('--non-interactive', 'never ask; take values from --set and the environment only', false)
    .option('--force', 'replace an existing profiles/local.yaml', false)
    .action(
      async (flags: {
        dir: string;
        set: string[];
        provider: string[];
        nonInteractive: boolean;
        force: boolean;
      }) => {
        const interactive = !flags.nonInteractive && process.stdin.isTTY === true;
        const prompt = interactive
          ? createReadlinePrompt({ input: process.stdin, output: process.stdout })
          : undefined;
        context.setExitCode(
          await runConfigureCommand({
            dir: flags.dir,
            set: flags.set,
            providers: flags.provider,
            force: flags.force,
            io: context.io,
            ...(prompt === undefined ? {} : { prompt }),
          }),
        );
      },
    );
}
