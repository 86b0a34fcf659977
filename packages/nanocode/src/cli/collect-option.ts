/** A commander argument parser for a repeatable option: each occurrence is appended to the list. */
export function collectOption(value: string, previous: string[]): string[] {
  return [...previous, value];
}
