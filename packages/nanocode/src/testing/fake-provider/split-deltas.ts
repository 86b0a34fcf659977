/**
 * Splits a reply into the deltas of a stream: one word with its trailing space each, so a reply of
 * a few words streams as several chunks and joining them gives the text back exactly.
 */
export function splitDeltas(options: { text: string }): string[] {
  return options.text.match(/\s*\S+\s*|\s+/g) ?? [];
}
