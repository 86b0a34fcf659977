import type { Command } from 'commander';
import { type Adapter, AdapterError, type AdapterResolver, type ModelRequest } from '../spec/adapter.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import type { CliIo } from './cli-io.js';
import { resolveUserPath } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { errorToJson, reportError } from './report-error.js';

/** Options of `nanocode adapters check`. */
export interface AdaptersCheckCommandOptions {
  workflowFile: string;
  profile?: string;
  /** Only check that each reference resolves and its environment variables are set; call nothing. */
  offline: boolean;
  json: boolean;
  io: CliIo;
  signal?: AbortSignal;
}

/** The check of one model reference. */
export interface AdapterCheck {
  /** The reference as the workflow writes it (`openai:gpt-4o-mini`, or an alias). */
  ref: string;
  /** The `provider:model` it stands for. */
  target: string;
  ok: boolean;
  /** Environment variables the provider's settings reference that are not set (names only). */
  missing_env: string[];
  /** True for adapters that call no model (scripted, replay): nothing to ping. */
  simulated?: boolean;
  latency_ms?: number;
  error?: { code: string; message: string; status?: number };
}

const REFERENCE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The smallest call that proves an adapter works: one word in, at most one token out. */
const PING: ModelRequest = {
  messages: [{ role: 'user', content: 'ping' }],
  response_format: { type: 'text' },
  max_tokens: 1,
  context: { run_id: 'adapters-check', step: 'check', attempt: 1 },
};

/**
 * Checks every adapter a workflow uses under a profile (step models, fallbacks, degrade steps and
 * judges). Online, each one gets one tiny call and its latency or error code is printed; `--offline`
 * only checks that each reference resolves and that the environment variables its provider settings
 * reference are set. Variable values are never printed. Exit 0 when every adapter is fine, 1 otherwise.
 */
export async function runAdaptersCheckCommand(options: AdaptersCheckCommandOptions): Promise<ExitCode> {
  const { io } = options;
  let config: ResolvedConfig;
  let resolver: AdapterResolver;
  let refs: string[];
  try {
    const { loadConfig } = await import('../config/index.js');
    const { modelReferences } = await import('../config/check-adapters.js');
    const { createAdapterResolver } = await import('../compose/create-adapter-resolver.js');
    // No env here: a missing variable is reported per adapter below, not as a load failure.
    config = await loadConfig({
      workflowFile: resolveUserPath({ io, file: options.workflowFile }),
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    });
    resolver = createAdapterResolver({ config, env: io.env });
    refs = [...new Set(modelReferences(config.workflow).map((r) => r.ref))];
  } catch (error) {
    const code = reportError({ error, io });
    if (options.json)
      io.stdout.write(`${JSON.stringify({ ok: false, error: errorToJson({ error }) }, null, 2)}\n`);
    return code;
  }
  const checks: AdapterCheck[] = [];
  for (const ref of refs) checks.push(await checkOne({ ref, config, resolver, options }));
  const ok = checks.every((c) => c.ok);
  if (options.json) {
    const document = { ok, offline: options.offline, profile: config.profile.name, adapters: checks };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    for (const check of checks) io.stdout.write(`${formatCheck({ check, offline: options.offline })}\n`);
    const failed = checks.filter((c) => !c.ok).length;
    const summary = `${checks.length - failed}/${checks.length} adapter${checks.length === 1 ? '' : 's'} ok`;
    (ok ? io.stdout : io.stderr).write(`${ok ? '✓' : '✗'} ${summary}\n`);
  }
  return ok ? EXIT_CODES.ok : EXIT_CODES.error;
}

async function checkOne(options: {
  ref: string;
  config: ResolvedConfig;
  resolver: AdapterResolver;
  options: AdaptersCheckCommandOptions;
}): Promise<AdapterCheck> {
  const { ref, config } = options;
  const { env } = options.options.io;
  const models = config.profile.models;
  const target = !ref.includes(':') && Object.hasOwn(models, ref) ? (models[ref]?.ref ?? ref) : ref;
  const provider = config.profile.providers[target.split(':')[0] ?? ''];
  const settings = [provider?.base_url, provider?.api_key, ...Object.values(provider?.headers ?? {})];
  const missing = [
    ...new Set(settings.flatMap((value) => [...(value ?? '').matchAll(REFERENCE)].map((m) => m[1] ?? ''))),
  ].filter((name) => env[name] === undefined);
  const base = { ref, target, missing_env: missing };
  if (missing.length > 0) return { ...base, ok: false };
  let adapter: Adapter | undefined;
  try {
    adapter = options.resolver(ref);
  } catch (error) {
    return { ...base, ok: false, error: describeError(error) };
  }
  if (adapter === undefined) {
    return {
      ...base,
      ok: false,
      error: { code: 'unresolved', message: `no adapter is available for \`${ref}\`` },
    };
  }
  const simulated = adapter.simulated === true ? { simulated: true } : {};
  if (options.options.offline || adapter.simulated === true) return { ...base, ...simulated, ok: true };
  const started = performance.now();
  try {
    await adapter.generate(PING, { signal: options.options.signal ?? new AbortController().signal });
    return { ...base, ok: true, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ...base,
      ok: false,
      latency_ms: Math.round(performance.now() - started),
      error: describeError(error),
    };
  }
}

function describeError(error: unknown): NonNullable<AdapterCheck['error']> {
  if (error instanceof AdapterError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
  }
  const { code, message } = errorToJson({ error }) as { code?: unknown; message?: unknown };
  return { code: typeof code === 'string' ? code : 'unknown', message: String(message ?? error) };
}

function formatCheck(options: { check: AdapterCheck; offline: boolean }): string {
  const { check } = options;
  const name = check.ref === check.target ? check.ref : `${check.ref} (${check.target})`;
  if (check.missing_env.length > 0)
    return `✗ ${name}  missing environment variable ${check.missing_env.join(', ')}`;
  if (check.error) {
    const status = check.error.status === undefined ? '' : ` HTTP ${check.error.status}`;
    const latency = check.latency_ms === undefined ? '' : ` after ${check.latency_ms} ms`;
    return `✗ ${name}  ${check.error.code}${status}${latency}: ${check.error.message}`;
  }
  if (check.simulated) return `✓ ${name}  simulated (no model to call)`;
  return options.offline ? `✓ ${name}  resolves, secrets set` : `✓ ${name}  ${check.latency_ms} ms`;
}

/** Registers `nanocode adapters check <workflow>` on the program. */
export function registerAdaptersCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  const adapters = options.program.command('adapters').description('Inspect the adapters a workflow uses.');
  adapters
    .command('check')
    .description('Make one tiny call through every adapter a workflow uses; print latency or the error code.')
    .argument('<workflow>', 'workflow file (YAML or JSON)')
    .option('--profile <name>', 'profile to resolve with')
    .option('--offline', 'only check that each adapter resolves and its environment variables are set', false)
    .option('--json', 'print { ok, offline, profile, adapters } as JSON', false)
    .action(async (workflowFile: string, flags: { profile?: string; offline: boolean; json: boolean }) => {
      context.setExitCode(
        await runAdaptersCheckCommand({
          workflowFile,
          offline: flags.offline,
          json: flags.json,
          io: context.io,
          ...(flags.profile === undefined ? {} : { profile: flags.profile }),
          ...(context.signal === undefined ? {} : { signal: context.signal }),
        }),
      );
    });
}
