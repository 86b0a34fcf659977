import { execFile } from 'node:child_process';
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCRIPT = join(REPO_ROOT, 'configure_nanocode.sh');

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

// Running the script needs the built CLI (dist/, from `npm run build`) that npx finds in node_modules/.bin.
const built =
  (await exists(join(REPO_ROOT, 'node_modules/.bin/nanocode'))) &&
  (await exists(join(REPO_ROOT, 'packages/nanocode/dist/cli/command-configure.js')));

describe('configure_nanocode.sh', () => {
  it('is executable and does nothing but exec `nanocode configure "$@"` from its own directory', async () => {
    expect((await stat(SCRIPT)).mode & 0o111).not.toBe(0);
    const code = (await readFile(SCRIPT, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('# ') && line !== '#');
    expect(code).toEqual([
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's own `${...}`, verbatim.
      'cd -- "$(dirname -- "${BASH_SOURCE[0]}")"',
      'exec npx --no-install nanocode configure "$@"',
    ]);
  });

  it.skipIf(!built)('runs `nanocode configure --help` through bash', async () => {
    const { stdout } = await promisify(execFile)('bash', [SCRIPT, '--help'], { cwd: REPO_ROOT });
    expect(stdout).toContain('Usage: nanocode configure');
    expect(stdout).toContain('--non-interactive');
  });
});
