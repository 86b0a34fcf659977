import { NanocodeError } from '../spec/errors.js';

/** What a `.env` variable name must look like: upper case, digits and underscores, not starting with a digit. */
export const DOTENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Throws `NC_CLI_INPUT` unless `name` is a valid variable name and `value` can be written safely. */
export function checkDotenvEntry(options: { name: string; value: string }): void {
  const { name, value } = options;
  if (!DOTENV_NAME.test(name)) {
    throw new NanocodeError({
      code: 'NC_CLI_INPUT',
      message: `${JSON.stringify(name)} is not a variable name`,
      hint: 'use upper-case letters, digits and underscores, e.g. OPENAI_API_KEY',
    });
  }
  // A NUL ends the string for C readers; a lone carriage return is a line break for other dotenv readers.
  if (value.includes('\0') || value.includes('\r')) {
    throw new NanocodeError({
      code: 'NC_CLI_INPUT',
      message: `the value of ${name} contains a NUL or carriage-return character`,
    });
  }
}

/**
 * A value as `.env` text: always double-quoted, with `\`, `"` and newlines escaped, so that no value can
 * end the line, close the quote, or start another assignment. `nanocode serve` reads it back unchanged.
 */
export function quoteDotenvValue(options: { value: string }): string {
  const escaped = options.value.replace(/[\\"\n]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
  return `"${escaped}"`;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/**
 * Merges `values` into existing `.env` text. Comments, blank lines and other variables stay as they
 * are; the first assignment of each given name is replaced in place and later duplicates are dropped
 * (a reader would let them win); names not present are appended. Every entry is checked first.
 */
export function mergeDotenv(options: { text: string; values: Record<string, string> }): string {
  const { values } = options;
  for (const [name, value] of Object.entries(values)) checkDotenvEntry({ name, value });
  const written = new Set<string>();
  const lines: string[] = [];
  const existing = options.text === '' ? [] : options.text.replace(/\r?\n$/, '').split(/\r?\n/);
  for (const line of existing) {
    const name = ASSIGNMENT.exec(line)?.[1];
    if (name === undefined || !Object.hasOwn(values, name)) {
      lines.push(line);
    } else if (!written.has(name)) {
      lines.push(`${name}=${quoteDotenvValue({ value: values[name] ?? '' })}`);
      written.add(name);
    }
  }
  for (const [name, value] of Object.entries(values)) {
    if (!written.has(name)) lines.push(`${name}=${quoteDotenvValue({ value })}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
