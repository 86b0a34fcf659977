import type { Command } from 'commander';
import { registerCertExportCommand } from './command-cert-export.js';
import { registerCertShowCommand } from './command-cert-show.js';
import { registerCertVerifyCommand } from './command-cert-verify.js';
import type { CommandContext } from './command-context.js';

/** Registers `nanocode cert` and its subcommands: show, verify, export. */
export function registerCertCommand(options: { program: Command; context: CommandContext }): void {
  const cert = options.program.command('cert').description('Show, verify and export run certificates.');
  registerCertShowCommand({ cert, context: options.context });
  registerCertVerifyCommand({ cert, context: options.context });
  registerCertExportCommand({ cert, context: options.context });
}
