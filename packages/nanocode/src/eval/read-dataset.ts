import { extname } from 'node:path';
import { NanocodeError } from '../spec/errors.js';
import type { DatasetItem } from './eval-case.js';
import { readCsvDataset } from './read-csv-dataset.js';
import { readJsonlDataset } from './read-jsonl-dataset.js';
import { readYamlDataset } from './read-yaml-dataset.js';

/** The dataset formats, chosen by file extension. */
export type DatasetFormat = 'jsonl' | 'csv' | 'yaml';

/** Options of {@link readDataset}. */
export interface ReadDatasetOptions {
  file: string;
  /** CSV only: inputs whose cells stay strings (the workflow's `type: string` inputs). */
  stringInputs?: ReadonlySet<string>;
}

/** The format of a dataset file from its extension; `NC_EVAL_DATASET` for any other. */
export function datasetFormat(options: { file: string }): DatasetFormat {
  const ext = extname(options.file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return 'yaml';
  throw new NanocodeError({
    code: 'NC_EVAL_DATASET',
    message: `cannot tell the format of dataset ${options.file} from its extension`,
    hint: 'use .jsonl, .csv, .yaml, .yml or .json',
  });
}

/**
 * Reads a dataset as an async iterator of cases and invalid rows, in file order, never holding more than
 * one row (YAML and JSON files aside, which are read whole under a size cap). `.json` files hold a list of
 * cases, like YAML.
 */
export function readDataset(options: ReadDatasetOptions): AsyncGenerator<DatasetItem> {
  const { file } = options;
  switch (datasetFormat({ file })) {
    case 'jsonl':
      return readJsonlDataset({ file });
    case 'csv':
      return readCsvDataset({ file, stringInputs: options.stringInputs ?? new Set() });
    case 'yaml':
      return readYamlDataset({ file });
  }
}

/** How many rows (cases and unreadable rows) a dataset holds, read as a stream: the progress bar's total. */
export async function countDatasetRows(options: ReadDatasetOptions): Promise<number> {
  let rows = 0;
  for await (const _ of readDataset(options)) rows += 1;
  return rows;
}
