import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { PII_TYPES } from './pii-type.js';

const all = PII_TYPES;
const types = (text: string) => detectPii({ text, types: all }).map((m) => m.type);

describe('detectPii', () => {
  it.each([
    ['mail jane.doe+x@example.co.uk now', 'email'],
    ['card 4111 1111 1111 1111 ok', 'credit_card'],
    ['card 4111-1111-1111-1111', 'credit_card'],
    ['iban DE89 3704 0044 0532 0130 00.', 'iban'],
    ['iban GB82WEST12345698765432', 'iban'],
    ['ssn 123-45-6789', 'ssn'],
    ['call +1 (555) 123-4567 today', 'phone'],
    ['call 555-123-4567', 'phone'],
    ['host 192.168.1.20 up', 'ip'],
    ['v6 2001:db8::8a2e:370:7334 up', 'ip'],
    ['link-local fe80::1', 'ip'],
  ])('finds %s', (text, type) => {
    expect(types(text)).toEqual([type]);
  });

  it.each([
    ['card 4111 1111 1111 1112 (bad Luhn)'],
    ['ssn 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567, 123-45-0000'],
    ['ip 999.1.1.1'],
    ['time 12:30:45, C++ std::vector, a::b, ::1'],
    ['date 2024-01-15, order 12345'],
  ])('ignores look-alikes: %s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it('checks IBANs with mod-97', () => {
    expect(detectPii({ text: 'DE89 3704 0044 0532 0130 01', types: ['iban'] })).toEqual([]);
  });

  it('reports spans in order and only the requested types', () => {
    const text = 'a@b.io and 123-45-6789';
    const found = detectPii({ text, types: all });
    expect(found.map((m) => [m.type, text.slice(m.start, m.end)])).toEqual([
      ['email', 'a@b.io'],
      ['ssn', '123-45-6789'],
    ]);
    expect(detectPii({ text, types: ['ssn'] }).map((m) => m.type)).toEqual(['ssn']);
  });

  it('scans long adversarial text and returns', () => {
    const text = `${'1-'.repeat(20_000)}${'a.'.repeat(20_000)}@`;
    expect(Array.isArray(detectPii({ text, types: all }))).toBe(true);
  });
});
