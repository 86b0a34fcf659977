/** The ASCII digits of a text, in order (a plain scan: detectors avoid backtracking regexes). */
export function digitsOf(text: string): string {
  let digits = '';
  for (const char of text) if (char >= '0' && char <= '9') digits += char;
  return digits;
}
