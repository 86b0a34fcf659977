import { createHash, randomBytes } from 'node:crypto';
import { type Command, Option } from 'commander';
import { NanocodeError } from '../spec/errors.js';
import type { ApiKeyRecord, ApiRole } from '../spec/store.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { formatTable } from './format-predicate.js';
import { withCliStore } from './open-cli-store.js';
import { reportError } from './report-error.js';

/** The roles a key can grant. */
export const API_ROLES: readonly ApiRole[] = ['admin', 'runner', 'auditor'];

/** `sha256:<hex>` of a key's text: what the store keeps, and what the server looks a presented key up by. */
export function hashApiKey(options: { key: string }): string {
  return `sha256:${createHash('sha256').update(options.key, 'utf8').digest('hex')}`;
}

/** A new key, `nck_` and 32 base64url characters (192 random bits), and the record that stores it. */
export function newApiKey(options: { tenant: string; role: ApiRole; label?: string; now: Date }): {
  key: string;
  record: ApiKeyRecord;
} {
  const key = `nck_${randomBytes(24).toString('base64url')}`;
  const record: ApiKeyRecord = {
    id: `key_${randomBytes(8).toString('hex')}`,
    tenant: options.tenant,
    role: options.role,
    hash: hashApiKey({ key }),
    prefix: key.slice(0, 8),
    ...(options.label === undefined ? {} : { label: options.label }),
    created_at: options.now.toISOString(),
  };
  return { key, record };
}

/** What `keys api` does, with its flags. */
export type KeysApiAction =
  | { action: 'create'; tenant: string; role: ApiRole; label?: string }
  | { action: 'list'; tenant?: string }
  | { action: 'revoke'; id: string };

/** Options of {@link runKeysApiCommand}. */
export interface KeysApiCommandOptions {
  request: KeysApiAction;
  /** `--store`; absent: the embedded SQLite file. */
  store?: string;
  json: boolean;
  io: CliIo;
}

/**
 * `nanocode keys api create|list|revoke`: API keys of the HTTP server. `create` prints the key once and
 * stores only its SHA-256 and prefix; `list` never prints keys (nor hashes); `revoke` marks a key revoked.
 */
export async function runKeysApiCommand(options: KeysApiCommandOptions): Promise<ExitCode> {
  const { io, request } = options;
  try {
    await withCliStore({
      cwd: io.cwd,
      ...(options.store === undefined ? {} : { url: options.store }),
      use: async (store) => {
        if (request.action === 'create') {
          const { key, record } = newApiKey({ ...request, now: new Date() });
          await store.putApiKey({ key: record });
          const { hash: _hash, ...shown } = record;
          io.stdout.write(options.json ? `${JSON.stringify({ ...shown, key }, null, 2)}\n` : `${key}\n`);
          io.stderr.write(
            `created API key ${record.id} for tenant ${record.tenant} (role ${record.role}); it is shown only once\n`,
          );
        } else if (request.action === 'list') {
          const keys = await store.listApiKeys(
            request.tenant === undefined ? {} : { tenant: request.tenant },
          );
          const shown = keys.map(({ hash: _hash, ...rest }) => rest);
          io.stdout.write(
            options.json ? `${JSON.stringify({ keys: shown }, null, 2)}\n` : `${listText(shown)}\n`,
          );
        } else {
          if (!(await store.revokeApiKey({ id: request.id, at: new Date().toISOString() }))) {
            throw new NanocodeError({
              code: 'NC_STORE_INPUT',
              message: `no active API key ${request.id}`,
              hint: 'see `nanocode keys api list`',
            });
          }
          io.stdout.write(
            options.json ? `${JSON.stringify({ revoked: request.id })}\n` : `revoked ${request.id}\n`,
          );
        }
      },
    });
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError({ error, io });
  }
}

function listText(keys: Omit<ApiKeyRecord, 'hash'>[]): string {
  if (keys.length === 0) return 'no API keys (create one with `nanocode keys api create`)';
  const rows = keys.map((k) => [
    k.id,
    k.tenant,
    k.role,
    `${k.prefix}…`,
    k.revoked_at === undefined ? 'active' : `revoked ${k.revoked_at}`,
    k.created_at,
    k.label ?? '',
  ]);
  return formatTable({
    header: ['id', 'tenant', 'role', 'prefix', 'state', 'created_at', 'label'],
    rows,
  }).join('\n');
}

/** Registers `keys api create|list|revoke` under the `keys` command. */
export function registerKeysApiCommand(options: { keys: Command; context: CommandContext }): void {
  const { context } = options;
  const api = options.keys
    .command('api')
    .description('Manage the API keys of the HTTP server (hashed at rest).');
  const run = (request: KeysApiAction, flags: { store?: string; json: boolean }) =>
    runKeysApiCommand({
      request,
      json: flags.json,
      io: context.io,
      ...(flags.store ? { store: flags.store } : {}),
    });
  const common = (command: Command) =>
    command
      .option('--store <url>', 'the store (default: .nanocode/nanocode.db)')
      .option('--json', 'print JSON', false);
  common(api.command('create').description('Create a key for a tenant and role; the key is printed once.'))
    .requiredOption('--tenant <tenant>', 'the tenant the key acts for')
    .addOption(new Option('--role <role>', 'what the key may do').choices(API_ROLES).makeOptionMandatory())
    .option('--label <label>', 'a note to tell keys apart')
    .action(
      async (flags: { tenant: string; role: ApiRole; label?: string; store?: string; json: boolean }) => {
        const label = flags.label === undefined ? {} : { label: flags.label };
        context.setExitCode(
          await run({ action: 'create', tenant: flags.tenant, role: flags.role, ...label }, flags),
        );
      },
    );
  common(api.command('list').description('List API keys (never the keys themselves).'))
    .option('--tenant <tenant>', 'only this tenant')
    .action(async (flags: { tenant?: string; store?: string; json: boolean }) => {
      const tenant = flags.tenant === undefined ? {} : { tenant: flags.tenant };
      context.setExitCode(await run({ action: 'list', ...tenant }, flags));
    });
  common(api.command('revoke').description('Revoke a key by id; requests with it are refused from then on.'))
    .argument('<id>', 'the key id, as `keys api list` shows it')
    .action(async (id: string, flags: { store?: string; json: boolean }) => {
      context.setExitCode(await run({ action: 'revoke', id }, flags));
    });
}
