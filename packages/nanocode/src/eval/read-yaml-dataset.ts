import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { NanocodeError } from '../spec/errors.js';
import { caseFromRecord } from './case-from-record.js';
import type { DatasetItem } from './eval-case.js';
import { openDatasetFile } from './open-dataset-file.js';

/** YAML cannot be streamed, so a YAML dataset is read whole; bigger ones belong in JSONL. */
export const MAX_YAML_DATASET_BYTES = 50 * 1024 * 1024;

function datasetError(options: { file: string; message: string; line?: number }): NanocodeError {
  return new NanocodeError({
    code: 'NC_EVAL_DATASET',
    message: options.message,
    ...(options.line === undefined
      ? {}
      : { location: { file: options.file, line: options.line, column: 1 } }),
  });
}

/**
 * Reads a YAML (or JSON) dataset: a list of cases, or `{ cases: [...] }`. The file is parsed whole, so it
 * is capped at {@link MAX_YAML_DATASET_BYTES} (`NC_EVAL_DATASET` beyond: use JSONL for big datasets).
 * Each case is reported with the line it starts on.
 */
export async function* readYamlDataset(options: {
  file: string;
  maxBytes?: number;
}): AsyncGenerator<DatasetItem> {
  const { file } = options;
  const maxBytes = options.maxBytes ?? MAX_YAML_DATASET_BYTES;
  const { stream, size } = await openDatasetFile({ file });
  stream.destroy();
  if (size > maxBytes) {
    throw datasetError({
      file,
      message: `YAML dataset ${file} is ${size} bytes, over the ${maxBytes}-byte cap (YAML is read whole; use JSONL to stream big datasets)`,
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(await readFile(file, 'utf8'), { lineCounter, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const first = doc.errors[0];
  if (first) {
    throw datasetError({
      file,
      line: lineCounter.linePos(first.pos[0]).line,
      message: `dataset is not valid YAML: ${first.message.split('\n')[0]}`,
    });
  }
  const value: unknown = doc.toJS();
  const records = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.cases)
      ? value.cases
      : undefined;
  const list = isMap(doc.contents) ? doc.contents.get('cases', true) : doc.contents;
  if (records === undefined || !isSeq(list)) {
    throw datasetError({
      file,
      line: lineOf(doc.contents),
      message: 'a YAML dataset must be a list of cases, or { cases: [...] }',
    });
  }
  for (const [index, record] of records.entries()) {
    yield caseFromRecord({
      record,
      file,
      line: lineOf(list.items[index] as Node | undefined),
      position: index + 1,
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
