import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestWorkerOptions } from './worker-process.test-util.js';

const SCRIPT = fileURLToPath(new URL('./worker-process.test-util.ts', import.meta.url));
// Resolved here, not by the child, which may run where `tsx` cannot be found.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A worker child process. */
export interface TestWorker {
  id: string;
  child: ChildProcess;
  /** What it wrote on stderr so far (its log), for failure messages. */
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** Starts `worker-process.test-util.ts` in a child process and resolves once it prints `ready`. */
export function spawnTestWorker(
  options: TestWorkerOptions & { readyTimeoutMs?: number },
): Promise<TestWorker> {
  const child = spawn(process.execPath, ['--import', TSX, SCRIPT, JSON.stringify(options)], {
    // A pipe on stdin that only this process holds: the child exits when it closes (see the script).
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const worker: TestWorker = {
    id: options.workerId,
    child,
    log: () => stderr,
    async stop({ graceMs = 5000 } = {}) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker ${options.workerId} did not start:\n${stderr}`));
    }, options.readyTimeoutMs ?? 60_000);
    child.stdout?.on('data', (chunk) => {
      if (String(chunk).includes(`ready ${options.workerId}`)) {
        clearTimeout(timer);
        resolve(worker);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${options.workerId} exited (${code}) before it was ready:\n${stderr}`));
    });
  });
}
