/** One CSV record, or why it could not be read; `line` is where the record starts (1-based). */
export type CsvRecord = { fields: string[]; line: number } | { error: string; line: number };

/** A record longer than this is refused: it is almost always a quote that was never closed. */
const MAX_RECORD_CHARS = 1_000_000;

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'skip-line';

/**
 * A streaming RFC 4180 parser: comma-separated fields, `"` quoting with `""` for a quote, newlines
 * inside quoted fields, and LF or CRLF line ends, split anywhere across chunks. It keeps only the record
 * being read. A malformed record (a stray quote, text after a closing quote, an unclosed quote) yields an
 * error at the line it starts on, and parsing resumes at the next line. Blank lines are skipped.
 */
export async function* parseCsvRecords(options: {
  chunks: AsyncIterable<string>;
}): AsyncGenerator<CsvRecord> {
  let state: State = 'field-start';
  let fields: string[] = [];
  let field = '';
  let size = 0;
  let line = 1;
  let start = 1;
  let error: string | undefined;
  let afterCr = false;
  let first = true;

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const record: CsvRecord | undefined =
      error !== undefined
        ? { error, line: start }
        : fields.length === 1 && fields[0] === ''
          ? undefined
          : { fields, line: start };
    fields = [];
    field = '';
    size = 0;
    error = undefined;
    state = 'field-start';
    return record;
  };
  const fail = (message: string): void => {
    error ??= message;
    state = 'skip-line';
  };

  for await (const chunk of options.chunks) {
    let text = chunk;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    for (const char of text) {
      if (afterCr) {
        afterCr = false;
        if (char === '\n') continue;
      }
      size += 1;
      if (size > MAX_RECORD_CHARS && (state as State) !== 'skip-line')
        fail('record longer than 1,000,000 characters (a quote never closed?)');
      const newline = char === '\n' || char === '\r';
      if (state === 'quoted') {
        // Line breaks inside quotes belong to the field, CRLF included.
        if (char === '"') state = 'quote-in-quoted';
        else field += char;
        if (char === '\n') line += 1;
        continue;
      }
      if (newline) {
        line += 1;
        if (char === '\r') afterCr = true;
        const record = endRecord();
        start = line;
        if (record !== undefined) yield record;
        continue;
      }
      switch (state as State) {
        case 'skip-line':
          break;
        case 'quote-in-quoted':
          if (char === '"') {
            field += '"';
            state = 'quoted';
          } else if (char === ',') {
            fields.push(field);
            field = '';
            state = 'field-start';
          } else fail('text after a closing quote');
          break;
        case 'field-start':
          if (char === '"') state = 'quoted';
          else if (char === ',') fields.push('');
          else {
            field = char;
            state = 'unquoted';
          }
          break;
        case 'unquoted':
          if (char === ',') {
            fields.push(field);
            field = '';
            state = 'field-start';
          } else if (char === '"')
            fail('a quote inside an unquoted field (quote the whole field and double the quote)');
          else field += char;
          break;
      }
    }
  }
  if (state === 'quoted') fail('a quoted field is never closed');
  const record = endRecord();
  if (record !== undefined) yield record;
}
