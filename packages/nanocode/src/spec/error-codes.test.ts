import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';

// The repository root is three levels above src/spec.
const DOC = new URL('../../../../docs/errors.md', import.meta.url);

function documentedCodes(markdown: string): string[] {
  const headings = [...markdown.matchAll(/^## (NC_[A-Z0-9_]+)\s*$/gm)].map((m) => m[1] ?? '');
  const rows = [...markdown.matchAll(/^\|\s*`?(NC_[A-Z0-9_]+)`?\s*\|/gm)].map((m) => m[1] ?? '');
  return [...headings, ...rows];
}

describe('error code registry', () => {
  it('lists exactly the codes documented in docs/errors.md, each once', () => {
    const documented = documentedCodes(readFileSync(DOC, 'utf8'));
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('uses NC_<AREA>_<NAME> codes with a message each', () => {
    for (const [code, message] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^NC_(CFG|RUN|ADAPTER|EVIDENCE|CLI|STORE|SERVER|EXEC|API|EVAL)_[A-Z0-9_]+$/);
      expect(message.length).toBeGreaterThan(10);
    }
  });
});
