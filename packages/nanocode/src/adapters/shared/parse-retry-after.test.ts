import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RETRY_AFTER_CAP_MS } from './parse-retry-after.js';

const at = (headers: Record<string, string>, nowMs = 0) =>
  parseRetryAfter({ headers: new Headers(headers), nowMs });

describe('parseRetryAfter', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(at({ 'retry-after': '3' })).toBe(3000);
    expect(at({ 'retry-after': '0.5' })).toBe(500);
    expect(at({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(at({ 'retry-after': 'Wed, 21 Oct 2015 07:28:04 GMT' }, now)).toBe(4000);
    expect(at({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
  });

  it('caps long waits and ignores absent or unreadable values', () => {
    expect(at({ 'retry-after': '86400' })).toBe(RETRY_AFTER_CAP_MS);
    expect(at({})).toBeUndefined();
    expect(at({ 'retry-after': 'soon' })).toBeUndefined();
  });
});
