import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { parseInputValue } from '../eval/parse-input-value.js';
import { NanocodeError } from '../spec/errors.js';

/** Parses one `--input key=value` (the value as `parseInputValue` reads it). Throws `NC_CLI_INPUT` when there is no `=` or no key. */
export function parseInputPair(options: { pair: string }): [string, unknown] {
  const { pair } = options;
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    throw new NanocodeError({
      code: 'NC_CLI_INPUT',
      message: `--input ${JSON.stringify(pair)} is not key=value`,
      hint: 'write --input question="What is Nanocode?"',
    });
  }
  return [pair.slice(0, eq), parseInputValue({ raw: pair.slice(eq + 1) })];
}

/** Parses the text of an `--input-file` (JSON or YAML). It must hold one object. */
export function parseInputFileText(options: { text: string; file: string }): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(options.text, { lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new NanocodeError({
      code: 'NC_CLI_INPUT',
      message: `--input-file is not valid JSON or YAML: ${first.message.split('\n')[0]}`,
      location: { file: options.file, line: pos.line, column: pos.col },
    });
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NanocodeError({
      code: 'NC_CLI_INPUT',
      message: '--input-file must hold an object of input names to values',
      location: { file: options.file, line: 1, column: 1 },
      hint: 'e.g. `question: What is Nanocode?`',
    });
  }
  return value as Record<string, unknown>;
}

/**
 * The run inputs from `--input-file` and `--input` flags. `--input` values override the file's;
 * giving the same `--input` key twice is an error rather than a silent choice.
 */
export async function parseInputs(options: {
  pairs: string[];
  file?: string;
  cwd: string;
}): Promise<Record<string, unknown>> {
  // A Map, then Object.fromEntries: a key named `__proto__` stays data and cannot touch the prototype.
  const inputs = new Map<string, unknown>();
  if (options.file !== undefined) {
    const path = isAbsolute(options.file) ? options.file : resolve(options.cwd, options.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new NanocodeError({
        code: 'NC_CLI_INPUT',
        message: `--input-file ${options.file} cannot be read: ${(cause as Error).message}`,
        cause,
      });
    }
    for (const [key, value] of Object.entries(parseInputFileText({ text, file: options.file }))) {
      inputs.set(key, value);
    }
  }
  const seen = new Set<string>();
  for (const pair of options.pairs) {
    const [key, value] = parseInputPair({ pair });
    if (seen.has(key)) {
      throw new NanocodeError({ code: 'NC_CLI_INPUT', message: `--input ${key} is given twice` });
    }
    seen.add(key);
    inputs.set(key, value);
  }
  return Object.fromEntries(inputs);
}
