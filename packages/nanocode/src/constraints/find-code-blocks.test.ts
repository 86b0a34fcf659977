import { describe, expect, it } from 'vitest';
import { findCodeBlocks } from './find-code-blocks.js';

describe('findCodeBlocks', () => {
  it('finds closed ``` and ~~~ blocks with their language', () => {
    const text = '```TS title\na\n```\n~~~~\nb\n~~~~\n```\nunclosed';
    expect(findCodeBlocks({ text })).toEqual([
      { language: 'ts', start: 0, end: 17 },
      { language: '', start: 18, end: 29 },
    ]);
  });
});
