import { describe, expect, it } from 'vitest';
import { planCompletion } from './plan-completion.js';
import { sampleFromSchema } from './sample-from-schema.js';
import { splitDeltas } from './split-deltas.js';

describe('splitDeltas', () => {
  it.each(['one two  three\n', '  leading', 'single', '', 'a\n\nb '])('joins back to %j', (text) => {
    expect(splitDeltas({ text }).join('')).toBe(text);
  });

  it('gives one delta per word', () => {
    expect(splitDeltas({ text: 'one two three' })).toEqual(['one ', 'two ', 'three']);
  });
});

describe('planCompletion', () => {
  const base = { defaultText: 'default reply text', prompt: 'abcdefgh', maxTokens: undefined };

  it('estimates usage as ceil(chars / 4) unless given or omitted', () => {
    expect(planCompletion({ ...base, behaviour: undefined }).usage).toEqual({ input: 2, output: 5 });
    expect(
      planCompletion({ ...base, behaviour: { reply: 'x', usage: { input: 9, output: 8 } } }).usage,
    ).toEqual({
      input: 9,
      output: 8,
    });
    expect(planCompletion({ ...base, behaviour: { reply: 'x', usage: 'omit' } }).usage).toBeUndefined();
  });

  it('cuts a reply to max tokens with a length finish, unless the finish is scripted', () => {
    expect(planCompletion({ ...base, behaviour: undefined, maxTokens: 1 })).toMatchObject({
      text: 'defa',
      finish: 'length',
    });
    expect(
      planCompletion({ ...base, behaviour: { reply: 'long reply', finish: 'stop' }, maxTokens: 1 }),
    ).toMatchObject({ text: 'long reply', finish: 'stop' });
  });

  it('plans a content filter as no text and a cut as the default reply with a cut point', () => {
    expect(planCompletion({ ...base, behaviour: { contentFilter: true } })).toMatchObject({
      text: '',
      finish: 'content_filter',
    });
    expect(planCompletion({ ...base, behaviour: { cutStreamAfterChunks: 2 } })).toMatchObject({
      text: 'default reply text',
      cutAfter: 2,
    });
  });
});

describe('sampleFromSchema', () => {
  it('fills required properties with values of their types', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        level: { enum: ['low', 'high'] },
        ok: { type: 'boolean' },
        count: { type: 'number', minimum: 3 },
        nested: { type: 'object', properties: { note: { type: ['string', 'null'] } }, required: ['note'] },
        optional: { type: 'string' },
      },
      required: ['name', 'level', 'ok', 'count', 'nested'],
    };
    expect(sampleFromSchema({ schema, text: 't' })).toEqual({
      name: 't',
      level: 'low',
      ok: true,
      count: 3,
      nested: { note: 't' },
    });
  });
});
