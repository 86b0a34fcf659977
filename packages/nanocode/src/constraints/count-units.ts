/** A unit that text length is measured in. */
export type LengthUnit = 'chars' | 'words' | 'sentences' | 'lines' | 'tokens';

/**
 * Measures a text. `chars` counts Unicode code points; `words` counts runs of non-whitespace;
 * `sentences` counts runs ending in `.`, `!` or `?` (plus a trailing unterminated run); `lines` counts
 * `\n`-separated lines, ignoring one trailing newline; `tokens` is an approximation, `ceil(chars / 4)`,
 * because real token counts depend on the model's tokenizer, which core code does not know.
 */
export function countUnits(options: { text: string; unit: LengthUnit }): number {
  const { text } = options;
  switch (options.unit) {
    case 'chars':
      return codePoints(text);
    case 'words':
      return countWords(text);
    case 'sentences':
      return countSentences(text);
    case 'lines':
      return text === '' ? 0 : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n').length;
    case 'tokens':
      return Math.ceil(codePoints(text) / 4);
  }
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function isSpace(char: string): boolean {
  return (
    char === ' ' ||
    char === '\n' ||
    char === '\t' ||
    char === '\r' ||
    char === '\f' ||
    char === '\v' ||
    char === '\u00a0'
  );
}

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (const char of text) {
    const space = isSpace(char) || /\s/u.test(char);
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

function countSentences(text: string): number {
  let count = 0;
  let pending = false;
  for (const char of text) {
    if (char === '.' || char === '!' || char === '?') {
      if (pending) count++;
      pending = false;
    } else if (!isSpace(char)) {
      pending = true;
    }
  }
  return count + (pending ? 1 : 0);
}
