import { describe, expect, it } from 'vitest';
import { type CsvRecord, parseCsvRecords } from './parse-csv-records.js';

async function parse(options: { text: string; chunkSize?: number }): Promise<CsvRecord[]> {
  const { text, chunkSize = text.length || 1 } = options;
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const records: CsvRecord[] = [];
  for await (const record of parseCsvRecords({ chunks: chunks() })) records.push(record);
  return records;
}

describe('parseCsvRecords', () => {
  it('reads plain, quoted and empty fields with their starting lines', async () => {
    expect(await parse({ text: 'a,b,c\n1,,"x"\n' })).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', '', 'x'], line: 2 },
    ]);
  });

  it('unescapes doubled quotes and keeps commas and line breaks inside quotes', async () => {
    const text = 'q,a\r\n"He said ""hi"", then left","line one\r\nline two"\r\nnext,2\r\n';
    expect(await parse({ text })).toEqual([
      { fields: ['q', 'a'], line: 1 },
      { fields: ['He said "hi", then left', 'line one\r\nline two'], line: 2 },
      { fields: ['next', '2'], line: 4 },
    ]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF split included)', async () => {
    const text = 'a,b\r\n"x""y","1\n2"\r\n3,4';
    const whole = await parse({ text });
    for (const chunkSize of [1, 2, 3, 5]) expect(await parse({ text, chunkSize })).toEqual(whole);
    expect(whole.at(-1)).toEqual({ fields: ['3', '4'], line: 4 });
  });

  it('skips blank lines, a byte order mark, and handles a trailing comma as an empty field', async () => {
    expect(await parse({ text: '\uFEFFa,b\n\n1,\n\r\n' })).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', ''], line: 3 },
    ]);
  });

  it('reports malformed records at their line and goes on with the next one', async () => {
    const records = await parse({ text: 'a,b\nx"y,1\n"ok"z,2\n3,4\n"never closed,5\n' });
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { error: expect.stringContaining('quote inside an unquoted field'), line: 2 },
      { error: 'text after a closing quote', line: 3 },
      { fields: ['3', '4'], line: 4 },
      { error: 'a quoted field is never closed', line: 5 },
    ]);
  });
});
