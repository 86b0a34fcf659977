import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateJsonSchema, JSON_SCHEMA_FILE } from './generate-json-schema.js';
import { SUPPORT_ANSWER_FILES } from './support-answer.test-util.js';

const published = JSON.parse(readFileSync(new URL(`../../${JSON_SCHEMA_FILE}`, import.meta.url), 'utf8'));

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(generateJsonSchema());
}

describe('generateJsonSchema', () => {
  it('matches the published schema file (run scripts/write-schema.ts when this fails)', () => {
    expect(published).toEqual(generateJsonSchema());
  });

  it('accepts the authored workflow, profile and templates files, sugar included', () => {
    const validate = validator();
    for (const [path, text] of Object.entries(SUPPORT_ANSWER_FILES)) {
      const ok = validate(parse(text));
      expect({ path, ok, errors: ok ? null : validate.errors?.slice(0, 3) }).toEqual({
        path,
        ok: true,
        errors: null,
      });
    }
  });

  it('rejects unknown keys and unknown constraint kinds', () => {
    const validate = validator();
    const base = parse(SUPPORT_ANSWER_FILES['workflows/support-answer.yaml'] ?? '');
    expect(validate({ ...base, budjet: {} })).toBe(false);
    const step = base.steps.answer;
    expect(
      validate({
        ...base,
        steps: { answer: { ...step, constraints: [{ id: 'x', kind: 'max_wrds', value: 1 }] } },
      }),
    ).toBe(false);
    expect(validate({ kind: 'profile', name: 'p', adapter: {} })).toBe(false);
    expect(validate({ kind: 'templates', templates: { t: { constraint: [] } } })).toBe(false);
  });
});
