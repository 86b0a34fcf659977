import { describe, expect, it } from 'vitest';
import { parseDotenv } from './parse-dotenv.js';

describe('parseDotenv', () => {
  it('reads assignments, quotes and comments, and interpolates nothing', () => {
    const text = [
      '# a comment',
      'OPENAI_API_KEY=sk-test # trailing comment',
      'export REGION = eu-west-1',
      "SINGLE='keeps $HOME and \\n as written'",
      'DOUBLE="line\\nbreak and \\"quotes\\""',
      'REF=$' + '{OTHER}',
      'not an assignment',
      'EMPTY=',
    ].join('\n');
    expect(parseDotenv({ text })).toEqual({
      OPENAI_API_KEY: 'sk-test',
      REGION: 'eu-west-1',
      SINGLE: 'keeps $HOME and \\n as written',
      DOUBLE: 'line\nbreak and "quotes"',
      REF: '$' + '{OTHER}',
      EMPTY: '',
    });
  });
});
