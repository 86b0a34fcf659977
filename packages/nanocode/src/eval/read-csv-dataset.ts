import { invalidCase } from './case-from-record.js';
import type { DatasetItem, EvalCase } from './eval-case.js';
import { openDatasetFile } from './open-dataset-file.js';
import { parseCsvRecords } from './parse-csv-records.js';
import { parseInputValue } from './parse-input-value.js';

const EXPECTED_PREFIX = 'expected.';

/** Options of {@link readCsvDataset}. */
export interface ReadCsvDatasetOptions {
  file: string;
  /**
   * Inputs whose cells stay strings. Other cells are parsed like `--input` values (JSON numbers,
   * booleans, objects and arrays), because CSV itself has no types.
   */
  stringInputs: ReadonlySet<string>;
}

/**
 * Reads a CSV dataset as a stream. The header row names the columns: `id` is the case id, `expected` the
 * expected text output, `expected.<field>` one expected output field, and every other column an input.
 * An empty cell means the input (or expectation) is absent. A row with the wrong number of fields, or
 * malformed quoting, yields an `invalid` item with its `file:line`.
 */
export async function* readCsvDataset(options: ReadCsvDatasetOptions): AsyncGenerator<DatasetItem> {
  const { file } = options;
  const { stream } = await openDatasetFile({ file });
  let header: string[] | undefined;
  let position = 0;
  try {
    for await (const record of parseCsvRecords({ chunks: stream as AsyncIterable<string> })) {
      if ('error' in record) {
        if (header === undefined) {
          yield invalidCase({ file, line: record.line, message: `header row: ${record.error}` });
          return;
        }
        position += 1;
        yield invalidCase({ file, line: record.line, message: record.error });
        continue;
      }
      if (header === undefined) {
        header = record.fields.map((name) => name.trim());
        const duplicate = header.find((name, index) => header?.indexOf(name) !== index);
        if (duplicate !== undefined || header.includes('')) {
          yield invalidCase({
            file,
            line: record.line,
            message: `header row: ${duplicate === undefined ? 'an empty column name' : `column ${JSON.stringify(duplicate)} twice`}`,
          });
          return;
        }
        continue;
      }
      position += 1;
      if (record.fields.length !== header.length) {
        yield invalidCase({
          file,
          line: record.line,
          message: `${record.fields.length} fields, but the header has ${header.length}`,
        });
        continue;
      }
      yield {
        kind: 'case',
        case: rowToCase({ header, fields: record.fields, line: record.line, position, options }),
      };
    }
  } finally {
    stream.destroy();
  }
}

function rowToCase(options: {
  header: string[];
  fields: string[];
  line: number;
  position: number;
  options: ReadCsvDatasetOptions;
}): EvalCase {
  const inputs: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  let id: string | undefined;
  let expectedText: string | undefined;
  options.header.forEach((name, index) => {
    const cell = options.fields[index] ?? '';
    if (cell === '') return;
    if (name === 'id') id = cell;
    else if (name === 'expected') expectedText = cell;
    else if (name.startsWith(EXPECTED_PREFIX))
      fields[name.slice(EXPECTED_PREFIX.length)] = parseInputValue({ raw: cell });
    else inputs[name] = options.options.stringInputs.has(name) ? cell : parseInputValue({ raw: cell });
  });
  const expected = Object.keys(fields).length > 0 ? fields : expectedText;
  return {
    id: id ?? String(options.position),
    inputs,
    line: options.line,
    ...(expected === undefined ? {} : { expected }),
  };
}
