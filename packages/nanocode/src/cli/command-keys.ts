import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import type { KeyPurpose } from '../evidence/trust-file.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { registerKeysApiCommand } from './command-keys-api.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { formatTable } from './format-predicate.js';
import { displayPath, reportError } from './report-error.js';

/** What a `keys` subcommand does. */
export type KeysAction = 'generate' | 'list' | 'rotate';

/** Options of `nanocode keys generate|list|rotate`. */
export interface KeysCommandOptions {
  action: KeysAction;
  /** The key directory, relative to the working directory. */
  dir: string;
  purpose: KeyPurpose;
  json: boolean;
  io: CliIo;
}

/**
 * Manages the key directory: `generate` the first key of a purpose, `list` every key (retired ones too),
 * `rotate` to a new key while the old one stays trusted for what it signed before.
 */
export async function runKeysCommand(options: KeysCommandOptions): Promise<ExitCode> {
  const { io, purpose } = options;
  const dir = resolve(io.cwd, options.dir);
  const shown = displayPath({ file: dir, cwd: io.cwd });
  try {
    const keyStore = await import('../evidence/key-store.js');
    if (options.action === 'generate') {
      const entry = await keyStore.generateKey({ dir, purpose });
      write({
        io,
        json: options.json,
        document: entry,
        text: `generated ${purpose} key ${entry.keyid} in ${shown}`,
      });
    } else if (options.action === 'rotate') {
      const { active, retired } = await keyStore.rotateKey({ dir, purpose });
      const text = retired
        ? `rotated ${purpose} key: ${retired.keyid} retired at ${retired.not_after}, ${active.keyid} active`
        : `generated ${purpose} key ${active.keyid} in ${shown} (there was none to rotate)`;
      write({ io, json: options.json, document: { active, retired: retired ?? null }, text });
    } else {
      const keys = await keyStore.listKeys({ dir });
      const rows = keys.map((k) => [
        k.keyid,
        k.purpose,
        k.active ? 'active' : 'retired',
        k.not_before,
        k.not_after ?? '',
      ]);
      const text =
        rows.length === 0
          ? `no keys in ${shown} (they are created on first \`nanocode run\`, or with \`nanocode keys generate\`)`
          : formatTable({ header: ['keyid', 'purpose', 'state', 'not_before', 'not_after'], rows }).join(
              '\n',
            );
      write({ io, json: options.json, document: { dir: shown, keys }, text });
    }
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  }
}

function write(options: { io: CliIo; json: boolean; document: unknown; text: string }): void {
  options.io.stdout.write(
    options.json ? `${JSON.stringify(options.document, null, 2)}\n` : `${options.text}\n`,
  );
}

/** Registers `nanocode keys generate|list|rotate` on the program. */
export function registerKeysCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  const keys = options.program.command('keys').description('Manage the signing keys and the trust file.');
  registerKeysApiCommand({ keys, context });
  const purpose = () =>
    new Option('--purpose <purpose>', 'what the key signs: certificates or log checkpoints')
      .choices(['certificate', 'log'])
      .default('certificate');
  const describe: Record<KeysAction, string> = {
    generate: 'Generate the first key of a purpose (fails if one is active; rotate instead).',
    list: 'List every key of the key directory, retired ones included.',
    rotate: 'Replace the active key of a purpose; the old one stays trusted for what it already signed.',
  };
  for (const action of ['generate', 'list', 'rotate'] as const) {
    const command = keys
      .command(action)
      .description(describe[action])
      .option('--dir <dir>', 'the key directory', DEFAULT_KEY_DIR)
      .option('--json', 'print JSON', false);
    if (action !== 'list') command.addOption(purpose());
    command.action(async (flags: { dir: string; json: boolean; purpose?: KeyPurpose }) => {
      context.setExitCode(
        await runKeysCommand({
          action,
          dir: flags.dir,
          purpose: flags.purpose ?? 'certificate',
          json: flags.json,
          io: context.io,
        }),
      );
    });
  }
}
