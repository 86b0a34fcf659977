/** A fenced code block found in Markdown text. */
export interface CodeBlock {
  /** The first word of the info string, lower-cased; '' when none. */
  language: string;
  start: number;
  end: number;
}

/** Finds fenced code blocks (``` or ~~~, three or more) by scanning lines; unclosed fences do not count. */
export function findCodeBlocks(options: { text: string }): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { fence: string; language: string; start: number } | undefined;
  let offset = 0;
  for (const line of options.text.split('\n')) {
    const trimmed = line.trimStart();
    const fence = fenceOf(trimmed);
    if (open === undefined && fence !== '') {
      const info = trimmed.slice(fence.length).trim();
      open = { fence, language: (info.split(' ')[0] ?? '').toLowerCase(), start: offset };
    } else if (
      open !== undefined &&
      fence.startsWith(open.fence) &&
      trimmed.slice(fence.length).trim() === ''
    ) {
      blocks.push({ language: open.language, start: open.start, end: offset + line.length });
      open = undefined;
    }
    offset += line.length + 1;
  }
  return blocks;
}

function fenceOf(line: string): string {
  const char = line[0];
  if (char !== '`' && char !== '~') return '';
  let length = 0;
  while (line[length] === char) length++;
  return length >= 3 ? line.slice(0, length) : '';
}
