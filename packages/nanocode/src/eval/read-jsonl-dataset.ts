import { createInterface } from 'node:readline';
import { caseFromRecord, invalidCase } from './case-from-record.js';
import type { DatasetItem } from './eval-case.js';
import { openDatasetFile } from './open-dataset-file.js';

/**
 * Reads a JSON Lines dataset one line at a time (one case per non-blank line), so memory does not grow
 * with the file. A line that is not a JSON object yields an `invalid` item with its `file:line`.
 */
export async function* readJsonlDataset(options: { file: string }): AsyncGenerator<DatasetItem> {
  const { file } = options;
  const { stream } = await openDatasetFile({ file });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let position = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const content = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (content.trim() === '') continue;
      position += 1;
      let record: unknown;
      try {
        record = JSON.parse(content);
      } catch (error) {
        yield invalidCase({ file, line, message: `not JSON: ${(error as Error).message}` });
        continue;
      }
      yield caseFromRecord({ record, file, line, position });
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
