import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../spec/events.js';
import type { RunResult } from '../../spec/run.js';
import { chatUsage } from './chat-usage.js';
import { releasedText, toChatCompletion } from './to-chat-completion.js';

const event = (type: string, data: unknown, ts = '2025-01-02T03:04:05.678Z') =>
  ({ seq: 0, ts, type, data, prev: '', hash: '' }) as unknown as RunEvent;
const completed = (input: number, output: number) =>
  event('attempt.completed', { usage: { input_tokens: input, output_tokens: output } });

function result(options: Partial<RunResult>): RunResult {
  return {
    run_id: 'run-1',
    outcome: 'certified',
    outputs: {},
    header: {} as RunResult['header'],
    events: [event('run.started', {})],
    salts: {},
    ...options,
  };
}

describe('chatUsage', () => {
  it('adds every completed attempt of the run (retries and fallbacks cost too)', () => {
    const events = [completed(10, 3), event('attempt.failed', {}), completed(12, 5)];
    expect(chatUsage({ events })).toEqual({ prompt_tokens: 22, completion_tokens: 8, total_tokens: 30 });
  });

  it('is zero for a run without model attempts', () => {
    expect(chatUsage({ events: [] })).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });
});

describe('releasedText', () => {
  it('keeps text as is and writes other outputs as JSON', () => {
    expect(releasedText({ output: 'plain' })).toBe('plain');
    expect(releasedText({ output: { answer: 'a', quotes: [] } })).toBe('{"answer":"a","quotes":[]}');
    expect(releasedText({ output: 3 })).toBe('3');
  });
});

describe('toChatCompletion', () => {
  it('is a chat completion of the released output, named after the run, with the nanocode object', () => {
    const body = toChatCompletion({
      model: 'support-answer@prod',
      result: result({
        outcome: 'degraded',
        output: { answer: 'x' },
        events: [event('run.started', {}), completed(4, 2)],
      }),
      certificate: { keyid: 'ab', log_index: 7 },
    });
    expect(body).toEqual({
      id: 'chatcmpl-run-1',
      object: 'chat.completion',
      created: Math.floor(Date.parse('2025-01-02T03:04:05.678Z') / 1000),
      model: 'support-answer@prod',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: '{"answer":"x"}', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
      nanocode: {
        run_id: 'run-1',
        outcome: 'degraded',
        certificate: { keyid: 'ab', log_index: 7 },
        certificate_url: '/api/runs/run-1/certificate',
      },
    });
  });
});
