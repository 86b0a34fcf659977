import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import type { DatasetItem } from './eval-case.js';
import { tempDir, writeIn } from './eval-fixtures.test-util.js';
import { countDatasetRows, datasetFormat, readDataset } from './read-dataset.js';
import { readYamlDataset } from './read-yaml-dataset.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(options: {
  name: string;
  text: string;
  stringInputs?: Set<string>;
}): Promise<DatasetItem[]> {
  const file = await writeIn({ dir, ...options });
  const items: DatasetItem[] = [];
  for await (const item of readDataset({
    file,
    ...(options.stringInputs ? { stringInputs: options.stringInputs } : {}),
  })) {
    items.push(item);
  }
  return items;
}

function located(item: DatasetItem | undefined): string {
  if (item?.kind !== 'invalid') throw new Error(`expected an invalid row, got ${JSON.stringify(item)}`);
  return `${item.error.code} ${item.error.location?.line}: ${item.error.message}`;
}

describe('readDataset: JSON Lines', () => {
  it('reads structured and flat cases, ids by position, blank lines skipped', async () => {
    const items = await read({
      name: 'a.jsonl',
      text: '{"id":"x","inputs":{"q":1},"expected":"hi"}\n\n{"q":2,"expected":{"a":1}}\r\n{"id":7,"q":3}\n',
    });
    expect(items).toEqual([
      { kind: 'case', case: { id: 'x', inputs: { q: 1 }, expected: 'hi', line: 1 } },
      { kind: 'case', case: { id: '2', inputs: { q: 2 }, expected: { a: 1 }, line: 3 } },
      { kind: 'case', case: { id: '7', inputs: { q: 3 }, line: 4 } },
    ]);
  });

  it('reports bad rows with file:line and NC_EVAL_CASE, and keeps reading', async () => {
    const items = await read({
      name: 'bad.jsonl',
      text: '{"q":1}\n{not json\n[1,2]\n{"inputs":{},"extra":1}\n{"inputs":3}\n{"id":true,"q":1}\n{"q":9}\n',
    });
    expect(items.map((item) => (item.kind === 'case' ? `case ${item.case.line}` : located(item)))).toEqual([
      'case 1',
      expect.stringMatching(/^NC_EVAL_CASE 2: not JSON/),
      'NC_EVAL_CASE 3: a case must be an object',
      expect.stringMatching(/^NC_EVAL_CASE 4: unknown key "extra"/),
      'NC_EVAL_CASE 5: "inputs" must be an object',
      'NC_EVAL_CASE 6: "id" must be a string or a number',
      'case 7',
    ]);
    const bad = items[1];
    expect(bad?.kind === 'invalid' && bad.error.location?.file).toMatch(/bad\.jsonl$/);
  });

  it('refuses a missing file and an unknown extension with NC_EVAL_DATASET', async () => {
    const missing = readDataset({ file: `${dir}/missing.jsonl` });
    await expect(missing.next()).rejects.toMatchObject({ code: 'NC_EVAL_DATASET' });
    expect(() => datasetFormat({ file: 'cases.txt' })).toThrow(NanocodeError);
  });
});

describe('readDataset: CSV', () => {
  it('maps the header to inputs, id, expected text and expected.<field>; types follow the workflow', async () => {
    const items = await read({
      name: 'a.csv',
      text: 'id,name,count,expected.greeting,expected.n\r\nc1,007,3,"Hello, ""Ada""",2\r\nc2,Bob,,Hi,\r\n',
      stringInputs: new Set(['name']),
    });
    expect(items).toEqual([
      {
        kind: 'case',
        case: {
          id: 'c1',
          inputs: { name: '007', count: 3 },
          expected: { greeting: 'Hello, "Ada"', n: 2 },
          line: 2,
        },
      },
      { kind: 'case', case: { id: 'c2', inputs: { name: 'Bob' }, expected: { greeting: 'Hi' }, line: 3 } },
    ]);
    const text = await read({ name: 'text.csv', text: 'q,expected\nx,"multi\nline"\ny,z\n' });
    expect(
      text.map((item) => item.kind === 'case' && [item.case.id, item.case.expected, item.case.line]),
    ).toEqual([
      ['1', 'multi\nline', 2],
      ['2', 'z', 4],
    ]);
  });

  it('reports a wrong field count or bad quoting at the row line, and a bad header once', async () => {
    const items = await read({ name: 'bad.csv', text: 'a,b\n1,2\n1,2,3\n"x"y,2\n"multi\nline",1\n5\n' });
    expect(items.map((item) => (item.kind === 'case' ? `case ${item.case.line}` : located(item)))).toEqual([
      'case 2',
      'NC_EVAL_CASE 3: 3 fields, but the header has 2',
      'NC_EVAL_CASE 4: text after a closing quote',
      'case 5',
      'NC_EVAL_CASE 7: 1 fields, but the header has 2',
    ]);
    const header = await read({ name: 'dup.csv', text: 'a,a\n1,2\n' });
    expect(header.map(located)).toEqual(['NC_EVAL_CASE 1: header row: column "a" twice']);
  });
});

describe('readDataset: YAML', () => {
  it('reads a list or { cases }, with each case at its line', async () => {
    const items = await read({
      name: 'a.yaml',
      text: '# cases\n- id: one\n  inputs: { q: 1 }\n- q: 2\n  expected: ok\n- 3\n',
    });
    expect(
      items.map((item) => (item.kind === 'case' ? [item.case.id, item.case.line] : located(item))),
    ).toEqual([['one', 2], ['2', 4], 'NC_EVAL_CASE 6: a case must be an object']);
    const wrapped = await read({ name: 'b.yml', text: 'cases:\n  - q: 1\n' });
    expect(wrapped).toEqual([{ kind: 'case', case: { id: '1', inputs: { q: 1 }, line: 2 } }]);
  });

  it('refuses a file over the size cap, a non-list and invalid YAML with NC_EVAL_DATASET', async () => {
    const file = await writeIn({ dir, name: 'big.yaml', text: `- q: ${'x'.repeat(200)}\n` });
    await expect(readYamlDataset({ file, maxBytes: 100 }).next()).rejects.toMatchObject({
      code: 'NC_EVAL_DATASET',
      message: expect.stringContaining('over the 100-byte cap'),
    });
    await expect(read({ name: 'map.yaml', text: 'q: 1\n' })).rejects.toMatchObject({
      code: 'NC_EVAL_DATASET',
    });
    await expect(read({ name: 'broken.yaml', text: '- [\n' })).rejects.toMatchObject({
      code: 'NC_EVAL_DATASET',
    });
  });
});

describe('countDatasetRows', () => {
  it('counts cases and unreadable rows', async () => {
    const file = await writeIn({ dir, name: 'count.jsonl', text: '{"q":1}\nnope\n\n{"q":2}\n' });
    expect(await countDatasetRows({ file })).toBe(3);
  });
});
