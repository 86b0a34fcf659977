import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { openTextFile, type TextFile } from './open-text-file.js';

/**
 * A report whose head depends on totals known only at the end (JUnit's counts, the HTML summary): the
 * per-case lines go to a spool file beside the target as they come, and `finish` writes the head, then the
 * spooled lines (each transformed), then the tail, without holding the lines in memory.
 */
export interface SpooledFile {
  append(line: string): Promise<void>;
  finish(options: { head: string; tail: string; transform?: (line: string) => string }): Promise<void>;
  /** Removes the spool (on a failed eval, so no stray file stays). */
  discard(): Promise<void>;
}

/** Opens a {@link SpooledFile} for `path`; its spool is `.<name>.spool` in the same directory. */
export async function openSpooledFile(options: { path: string }): Promise<SpooledFile> {
  const spoolPath = join(dirname(options.path), `.${basename(options.path)}.spool`);
  const spool: TextFile = await openTextFile({ path: spoolPath });
  return {
    append: (line) => spool.write(`${line}\n`),
    async finish({ head, tail, transform }) {
      await spool.close();
      const out = await openTextFile({ path: options.path });
      try {
        await out.write(head);
        const lines = createInterface({
          input: createReadStream(spoolPath, { encoding: 'utf8' }),
          crlfDelay: Number.POSITIVE_INFINITY,
        });
        for await (const line of lines) await out.write(`${transform ? transform(line) : line}\n`);
        await out.write(tail);
      } finally {
        await out.close();
        await rm(spoolPath, { force: true });
      }
    },
    async discard() {
      await spool.close();
      await rm(spoolPath, { force: true });
    },
  };
}
