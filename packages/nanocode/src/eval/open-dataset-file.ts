import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { NanocodeError } from '../spec/errors.js';

/**
 * Opens a dataset file for streaming, after checking it is a readable regular file, so that a missing
 * file is a `NC_EVAL_DATASET` error rather than a stream error halfway through the eval.
 */
export async function openDatasetFile(options: {
  file: string;
}): Promise<{ stream: ReadStream; size: number }> {
  const { file } = options;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a regular file');
    return { stream: createReadStream(file, { encoding: 'utf8' }), size: info.size };
  } catch (cause) {
    throw new NanocodeError({
      code: 'NC_EVAL_DATASET',
      message: `cannot read dataset ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}
