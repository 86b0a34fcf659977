import { readFile } from 'node:fs/promises';
import { NanocodeError } from '../spec/errors.js';
import { parseSourceDocument, type SourceDocument } from './source-document.js';

/**
 * Reads and parses a file once per load: later reads return the same document, so positions and
 * errors are not duplicated when a file is reached twice.
 */
export async function readSource(options: {
  file: string;
  documents: Map<string, SourceDocument>;
}): Promise<SourceDocument> {
  const known = options.documents.get(options.file);
  if (known) return known;
  let document: SourceDocument;
  try {
    const text = await readFile(options.file, 'utf8');
    document = parseSourceDocument({ file: options.file, text });
  } catch (cause) {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : 'unreadable';
    document = {
      file: options.file,
      value: undefined,
      errors: [
        new NanocodeError({
          code: 'NC_CFG_READ',
          message: `cannot read ${options.file} (${reason})`,
          location: { file: options.file, line: 1, column: 1 },
          cause,
        }),
      ],
      locate: () => ({ file: options.file, line: 1, column: 1 }),
    };
  }
  options.documents.set(options.file, document);
  return document;
}
