import type { CliIo } from './cli-io.js';

/** A CliIo that records what commands write, for in-process tests. */
export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

/** Creates a {@link MemoryIo} rooted at `cwd`, not a TTY unless asked. */
export function memoryIo(options: { cwd: string; env?: Record<string, string>; tty?: boolean }): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (text) => out.push(text) },
    stderr: { write: (text) => err.push(text) },
    stdoutIsTty: options.tty === true,
    env: options.env ?? {},
    cwd: options.cwd,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
