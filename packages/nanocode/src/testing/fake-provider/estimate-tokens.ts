/**
 * A deterministic token estimate, ceil(chars / 4), like the scripted adapter's. The fake calls no
 * tokenizer: counts are plausible and stable, not a model's.
 */
export function estimateTokens(options: { text: string }): number {
  return Math.ceil(options.text.length / 4);
}

/** The text of a prompt-like value (messages, content parts, strings), for estimating input tokens. */
export function promptText(options: { value: unknown }): string {
  const { value } = options;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => promptText({ value: item })).join('\n');
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ('content' in record) return promptText({ value: record.content });
    if ('text' in record) return promptText({ value: record.text });
  }
  return '';
}
