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
