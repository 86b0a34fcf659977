/**
 * Normalises text for quote matching: runs of whitespace become one space, ends are trimmed, curly
 * apostrophes become straight ones, and, unless `case_sensitive`, letters are lower-cased.
 */
export function normalizeText(options: { text: string; case_sensitive: boolean }): string {
  let out = '';
  let space = false;
  for (const char of options.text) {
    if (/\s/u.test(char)) {
      space = out !== '';
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += char === '\u2019' || char === '\u2018' ? "'" : char;
  }
  return options.case_sensitive ? out : out.toLowerCase();
}
