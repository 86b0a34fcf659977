import { describe, expect, it } from 'vitest';
import { maskPii } from './mask-pii.js';

describe('maskPii', () => {
  it.each([
    ['email', 'jane@example.com', 'j***@e***.com'],
    ['credit_card', '4111 1111 1111 1234', '****1234'],
    ['ssn', '123-45-6789', '***-**-6789'],
    ['iban', 'DE89 3704 0044 0532 0130 00', 'DE****3000'],
    ['phone', '+1 555 123 4567', '***67'],
    ['ip', '192.168.1.20', '192.*.*.*'],
    ['ip', '2001:db8::1', '2001:*'],
  ] as const)('masks %s', (type, value, masked) => {
    expect(maskPii({ type, value })).toBe(masked);
  });
});
