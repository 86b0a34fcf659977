import type { CliIo } from './cli-io.js';

/** What every command registration gets: the io, where to put its exit code, and the run's cancel signal. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
  /** Aborted on SIGINT by the entry point; absent in tests. */
  signal?: AbortSignal;
}
