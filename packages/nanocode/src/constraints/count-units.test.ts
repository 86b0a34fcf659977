import { describe, expect, it } from 'vitest';
import { countUnits } from './count-units.js';

describe('countUnits', () => {
  it('counts code points, words, sentences, lines and approximate tokens', () => {
    expect(countUnits({ text: 'a😀b', unit: 'chars' })).toBe(3);
    expect(countUnits({ text: '  a\tb\u00a0c  ', unit: 'words' })).toBe(3);
    expect(countUnits({ text: '', unit: 'words' })).toBe(0);
    expect(countUnits({ text: 'Hi... Really?! yes', unit: 'sentences' })).toBe(3);
    expect(countUnits({ text: 'a\r\nb', unit: 'lines' })).toBe(2);
    expect(countUnits({ text: '', unit: 'lines' })).toBe(0);
    expect(countUnits({ text: 'abcde', unit: 'tokens' })).toBe(2);
  });
});
