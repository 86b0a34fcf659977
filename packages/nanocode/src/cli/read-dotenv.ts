import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The `.env` file of `dir` as variables; empty when there is none. The process environment wins over
 * it wherever a command merges the two. Values are never interpolated or evaluated.
 */
export async function readDotenv(options: { dir: string }): Promise<Record<string, string>> {
  const { parseDotenv } = await import('../server/parse-dotenv.js');
  let text: string;
  try {
    text = await readFile(join(options.dir, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return parseDotenv({ text });
}
