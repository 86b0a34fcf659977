import { isAbsolute, resolve } from 'node:path';

/** A place the CLI writes text to. */
export interface CliStream {
  write(text: string): void;
}

/**
 * Everything a command touches outside itself: streams, environment and working directory. Passed in
 * explicitly so commands run the same in a terminal, in CI and in tests.
 */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** True when stdout is a terminal; colour is used only then. */
  stdoutIsTty: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** True when the timeline may use colour: stdout is a terminal and `NO_COLOR` is unset or empty. */
export function useColor(io: Pick<CliIo, 'stdoutIsTty' | 'env'>): boolean {
  const noColor = io.env.NO_COLOR;
  return io.stdoutIsTty && (noColor === undefined || noColor === '');
}

/**
 * A path the user typed, made usable by this process. Relative paths are kept as typed when the CLI
 * runs in the process's own directory, so messages show `workflows/hello.yaml`, not an absolute path.
 */
export function resolveUserPath(options: { io: Pick<CliIo, 'cwd'>; file: string }): string {
  if (isAbsolute(options.file) || options.io.cwd === process.cwd()) return options.file;
  return resolve(options.io.cwd, options.file);
}
