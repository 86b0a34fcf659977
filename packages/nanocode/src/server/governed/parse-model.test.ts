import { describe, expect, it } from 'vitest';
import { parseModel } from './parse-model.js';

describe('parseModel', () => {
  it('reads a workflow name alone', () => {
    expect(parseModel({ model: 'support-answer' })).toEqual({ workflow: 'support-answer' });
  });

  it('reads workflow@profile', () => {
    expect(parseModel({ model: 'support-answer@prod' })).toEqual({
      workflow: 'support-answer',
      profile: 'prod',
    });
  });

  it.each(['', '@prod', 'a@', 'a@b@c', '../etc/passwd', 'a b', 'gpt-4o/mini'])(
    'refuses %j, which names no workflow',
    (model) => {
      expect(parseModel({ model })).toBeUndefined();
    },
  );
});
