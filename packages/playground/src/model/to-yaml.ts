/**
 * Writes plain JSON data as block-style YAML, for showing a workflow the server resolved when its file
 * text is not available. JSON-quoted strings are valid YAML, so anything that is not obviously safe as a
 * plain scalar is written that way; multi-line strings use a literal block.
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  writeValue({ value, indent: 0, lines, prefix: '' });
  return `${lines.join('\n')}\n`;
}

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;
const PLAIN = /^[A-Za-z_$/][A-Za-z0-9_$ .,/()-]*$/;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (text === '' || RESERVED.test(text) || !PLAIN.test(text) || text.endsWith(' '))
    return JSON.stringify(text);
  return text;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (value !== null && typeof value === 'object') return '{}';
  return scalar(value);
}

function key(name: string): string {
  return PLAIN.test(name) && !RESERVED.test(name) && !name.endsWith(' ') ? name : JSON.stringify(name);
}

function isBlockString(value: unknown): value is string {
  return typeof value === 'string' && value.includes('\n') && !value.startsWith(' ') && !/[\r\t]/.test(value);
}

function writeValue(options: { value: unknown; indent: number; lines: string[]; prefix: string }): void {
  const { value, indent, lines, prefix } = options;
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(`${prefix}[]`);
    if (prefix !== '') lines.push(prefix);
    for (const item of value) writeItem({ item, pad, indent, lines, marker: '- ' });
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return void lines.push(`${prefix}{}`);
    if (prefix !== '') lines.push(prefix);
    for (const [name, item] of entries) writeItem({ item, pad, indent, lines, marker: `${key(name)}: ` });
    return;
  }
  lines.push(`${prefix}${scalar(value)}`);
}

function writeItem(options: {
  item: unknown;
  pad: string;
  indent: number;
  lines: string[];
  marker: string;
}): void {
  const { item, pad, indent, lines, marker } = options;
  const head = `${pad}${marker}`.trimEnd();
  if (isBlockString(item)) {
    const chomp = item.endsWith('\n') ? (item.endsWith('\n\n') ? '+' : '') : '-';
    lines.push(`${head} |${chomp}`);
    const body = item.endsWith('\n') ? item.replace(/\n+$/, (m) => m.slice(1)) : item;
    for (const line of body.split('\n')) lines.push(line === '' ? '' : `${pad}  ${line}`);
    return;
  }
  const nested = item !== null && typeof item === 'object' && Object.keys(item).length > 0;
  if (!nested) return void lines.push(`${pad}${marker}${inline(item)}`);
  if (marker === '- ' && !Array.isArray(item)) {
    // A mapping in a sequence starts on the dash line.
    const inner: string[] = [];
    writeValue({ value: item, indent: indent + 2, lines: inner, prefix: '' });
    lines.push(`${pad}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1));
    return;
  }
  writeValue({ value: item, indent: indent + 2, lines, prefix: head });
}
