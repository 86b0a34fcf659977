import { describe, expect, it } from 'vitest';
import { mapMessages } from './map-messages.js';

const SUPPORT = { question: { type: 'string' }, context: { type: 'string' } };

describe('mapMessages', () => {
  it('maps the last user message to `question` and the system message to `context`', () => {
    const result = mapMessages({
      declared: SUPPORT,
      messages: [
        { role: 'system', content: 'Refunds take 5 days.' },
        { role: 'user', content: 'How long do refunds take?' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      inputs: { question: 'How long do refunds take?', context: 'Refunds take 5 days.' },
    });
  });

  it('prefers question, then message, prompt, input', () => {
    const declared = { input: { type: 'string', default: '' }, prompt: { type: 'string' } };
    expect(mapMessages({ declared, messages: [{ role: 'user', content: 'hi' }] })).toEqual({
      ok: true,
      inputs: { prompt: 'hi' },
    });
  });

  it('uses the one required string input when no conventional name is declared', () => {
    const declared = { topic: { type: 'string' }, tone: { type: 'string', default: 'calm' } };
    expect(mapMessages({ declared, messages: [{ role: 'user', content: 'tides' }] })).toEqual({
      ok: true,
      inputs: { topic: 'tides' },
    });
  });

  it('joins system and developer messages for `system` when there is no `context`', () => {
    const declared = { idea: { type: 'string' }, system: { type: 'string' } };
    const result = mapMessages({
      declared,
      messages: [
        { role: 'system', content: 'one' },
        { role: 'developer', content: [{ type: 'text', text: 'two' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ],
    });
    expect(result).toEqual({ ok: true, inputs: { idea: 'a\nb', system: 'one\n\ntwo' } });
  });

  it('maps a JSON object whose keys are declared inputs key by key', () => {
    const declared = { idea: { type: 'string' }, audience: { type: 'array' } };
    const content = JSON.stringify({ idea: 'x', audience: ['kids', 'adults'] });
    expect(mapMessages({ declared, messages: [{ role: 'user', content }] })).toEqual({
      ok: true,
      inputs: { idea: 'x', audience: ['kids', 'adults'] },
    });
  });

  it('treats a JSON object with undeclared keys as plain text', () => {
    const content = '{"foo": 1}';
    expect(mapMessages({ declared: SUPPORT, messages: [{ role: 'user', content }] })).toMatchObject({
      ok: false,
      param: 'messages',
    });
    const withQuestion = mapMessages({
      declared: { question: { type: 'string' } },
      messages: [{ role: 'user', content }],
    });
    expect(withQuestion).toEqual({ ok: true, inputs: { question: content } });
  });

  it('refuses when a required input is left without a message', () => {
    const result = mapMessages({ declared: SUPPORT, messages: [{ role: 'user', content: 'q' }] });
    expect(result).toEqual({
      ok: false,
      param: 'messages',
      message: expect.stringContaining('`context`'),
    });
  });

  it('refuses earlier turns and assistant messages, pointing at the message', () => {
    const result = mapMessages({
      declared: SUPPORT,
      messages: [
        { role: 'system', content: 'c' },
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'second' },
      ],
    });
    expect(result).toMatchObject({ ok: false, param: 'messages[1]' });
  });

  it('refuses a conversation without a user message', () => {
    expect(mapMessages({ declared: SUPPORT, messages: [{ role: 'system', content: 'c' }] })).toMatchObject({
      ok: false,
      param: 'messages',
    });
  });

  it('refuses a system message when no input can take it', () => {
    const result = mapMessages({
      declared: { question: { type: 'string' } },
      messages: [
        { role: 'user', content: 'q' },
        { role: 'system', content: 'late system' },
      ],
    });
    // The system message is at index 1, after the user message: still mapped by role, and refused here.
    expect(result).toMatchObject({ ok: false, param: 'messages[1]' });
  });

  it('refuses a system message when the JSON user message already gave its input', () => {
    const result = mapMessages({
      declared: SUPPORT,
      messages: [
        { role: 'system', content: 'c' },
        { role: 'user', content: '{"question": "q", "context": "given"}' },
      ],
    });
    expect(result).toMatchObject({ ok: false, param: 'messages[0]' });
  });

  it('refuses content other than text', () => {
    const result = mapMessages({
      declared: SUPPORT,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }],
    });
    expect(result).toMatchObject({ ok: false, param: 'messages[0].content' });
  });

  it('refuses when several required strings leave the user message ambiguous', () => {
    const declared = { a: { type: 'string' }, b: { type: 'string' } };
    const result = mapMessages({ declared, messages: [{ role: 'user', content: 'x' }] });
    expect(result).toMatchObject({ ok: false, param: 'messages[0]' });
    if (!result.ok) expect(result.message).toContain('`a`, `b`');
  });
});
