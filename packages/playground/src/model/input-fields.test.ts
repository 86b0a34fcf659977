import { describe, expect, it } from 'vitest';
import { SUPPORT_ANSWER_WORKFLOW } from '../fixtures/recorded.js';
import { collectInputs, initialValues, inputFields } from './input-fields.js';

const schema = {
  title: { type: 'string', maxLength: 80 },
  body: { type: 'string' },
  count: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
  ratio: { type: 'number' },
  strict: { type: 'boolean', default: false },
  tone: { enum: ['calm', 'bold', 3] },
  tags: { type: 'array', items: { type: 'string' }, default: [] },
  scores: { type: 'array', items: { type: 'number' } },
  meta: { type: 'object' },
};

describe('inputFields', () => {
  it('picks a control per type, and marks inputs without a default as required', () => {
    const fields = inputFields(schema);
    expect(fields.map((f) => [f.name, f.control, f.required])).toEqual([
      ['title', 'text', true],
      ['body', 'textarea', true],
      ['count', 'number', false],
      ['ratio', 'number', true],
      ['strict', 'checkbox', false],
      ['tone', 'select', true],
      ['tags', 'lines', false],
      ['scores', 'lines', true],
      ['meta', 'json', true],
    ]);
    expect(fields[2]).toMatchObject({ integer: true, min: 1, max: 5, default: 2 });
    expect(fields[5]?.options).toEqual([
      { value: '"calm"', label: 'calm' },
      { value: '"bold"', label: 'bold' },
      { value: '3', label: '3' },
    ]);
  });

  it('reads the recorded support-answer inputs', () => {
    const fields = inputFields(SUPPORT_ANSWER_WORKFLOW.workflow.inputs);
    expect(fields.map((f) => [f.name, f.control, f.required, f.maxLength])).toEqual([
      ['question', 'textarea', true, 4000],
      ['context', 'textarea', true, undefined],
    ]);
  });
});

describe('collectInputs', () => {
  const fields = inputFields(schema);

  it('parses each control into the JSON the API takes', () => {
    const values = {
      ...initialValues(fields),
      title: 'Hi',
      body: 'Long\ntext',
      ratio: '0.5',
      strict: true,
      tone: '3',
      tags: 'a\n\nb\n',
      scores: '1\n2.5',
      meta: '{"k": [1]}',
    };
    expect(collectInputs({ fields, values })).toEqual({
      inputs: {
        title: 'Hi',
        body: 'Long\ntext',
        count: 2,
        ratio: 0.5,
        strict: true,
        tone: 3,
        tags: ['a', 'b'],
        scores: [1, 2.5],
        meta: { k: [1] },
      },
      errors: {},
    });
  });

  it('leaves out empty optional fields and flags empty required ones and bad values', () => {
    const values = { ...initialValues(fields), count: '', tags: '', ratio: 'abc', scores: '1\nx', meta: '{' };
    const { inputs, errors } = collectInputs({ fields, values });
    expect(inputs).toEqual({ strict: false });
    expect(errors).toMatchObject({
      title: 'required',
      body: 'required',
      ratio: 'not a number',
      tone: 'required',
      scores: 'every line must be a number',
    });
    expect(errors.meta).toMatch(/^not valid JSON/);
    expect(errors.count).toBeUndefined();
  });

  it('refuses a fraction for an integer', () => {
    const values = { ...initialValues(fields), count: '2.5' };
    expect(collectInputs({ fields, values }).errors.count).toBe('not a whole number');
  });
});
