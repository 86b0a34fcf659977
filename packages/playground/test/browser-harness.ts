/**
 * What the browser tests need: a fresh playground build, `nanocode serve` as a real child process on
 * loopback over a temporary copy of the examples, and Debian's Chromium driven by playwright-core.
 * Screenshots go to `packages/playground/test-artifacts/` (kept by CI as artifacts, ignored by git).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const PLAYGROUND_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REPO_ROOT = join(PLAYGROUND_ROOT, '..', '..');
export const ARTIFACTS_DIR = join(PLAYGROUND_ROOT, 'test-artifacts');
const CLI_ENTRY = join(REPO_ROOT, 'packages/nanocode/scripts/nanocode-dev.ts');
/** `--import tsx` resolves from the child's cwd (a temp folder), so the loader is named by URL. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** The node arguments that run the CLI from source. */
const CLI_ARGS = ['--import', TSX_LOADER, CLI_ENTRY];

/** Debian's Chromium (ENVIRONMENT.md); `.ci/run` installs it when it is missing. */
export const CHROMIUM_PATH = process.env.NANOCODE_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser tests can run here; under CI they must (a missing browser fails them). */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Builds the playground from source into a temporary folder and returns it: the production build users
 * get (vitest sets NODE_ENV=test, which would otherwise select React's development build).
 */
export async function buildPlayground(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'nanocode-playground-build-'));
  const { build } = await import('vite');
  // The React plugin picks its JSX runtime from NODE_ENV, which vitest sets to `test`.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: PLAYGROUND_ROOT,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return outDir;
}

/** A project folder with the examples (and their profiles) copied in, as a new user would have it. */
export async function createProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nanocode-browser-'));
  await cp(join(REPO_ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

/** Runs the CLI from source in `cwd` as a child process and resolves with its exit code and output. */
export function runNanocode(options: {
  cwd: string;
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_ARGS, ...options.args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nanocode ${options.args.join(' ')} timed out\n${out}\n${err}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** A running `nanocode serve`. */
export interface ServedProject {
  url: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `nanocode serve --port 0` in `dir`, serving the given playground build; waits for its banner. */
export async function serveProject(options: { dir: string; playgroundDir: string }): Promise<ServedProject> {
  const child: ChildProcess = spawn(process.execPath, [...CLI_ARGS, 'serve', '--port', '0'], {
    cwd: options.dir,
    env: { ...process.env, NO_COLOR: '1', NANOCODE_PLAYGROUND_DIR: options.playgroundDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(
      () => reject(new Error(`serve printed no banner in 60 s:\n${output}`)),
      60_000,
    );
    const poll = setInterval(() => {
      const match = /^nanocode serving on (\S+)$/m.exec(output);
      if (match?.[1] !== undefined) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(match[1]);
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(deadline);
        reject(new Error(`serve exited with ${child.exitCode}:\n${output}`));
      }
    }, 50);
  });
  return {
    url,
    dir: options.dir,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/**
 * Launches headless Chromium with the flags this machine's closed network needs (ENVIRONMENT.md).
 * playwright-core gives every launch a new, empty user data directory of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

/**
 * A new page that records uncaught page errors and console errors, so a test can assert the UI
 * threw nothing while it was driven.
 */
export async function openPage(options: { browser: Browser; url: string }): Promise<{
  page: Page;
  errors: string[];
}> {
  const context = await options.browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(options.url);
  return { page, errors };
}

/** Saves a full-page screenshot as a test artifact and returns its path. */
export async function screenshot(options: { page: Page; name: string }): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${options.name}.png`);
  await options.page.screenshot({ path: file, fullPage: true });
  return file;
}
