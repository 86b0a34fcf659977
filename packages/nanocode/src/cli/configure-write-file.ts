import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `file` atomically: a temporary file beside it, created owner-only (0600) and never
 * over an existing one, is renamed over the target. A reader sees the old file or the new one, never
 * half of it, and the secrets inside are never readable by other users, even for a moment.
 */
export async function writeFileAtomic(options: { file: string; text: string }): Promise<void> {
  const { file, text } = options;
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
