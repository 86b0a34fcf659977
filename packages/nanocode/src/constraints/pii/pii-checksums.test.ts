import { describe, expect, it } from 'vitest';
import { isIpv4, isPlausibleSsn, passesIbanMod97, passesLuhn } from './pii-checksums.js';

describe('checksums', () => {
  it('Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });
  it('IBAN mod-97', () => {
    expect(passesIbanMod97('DE89370400440532013000')).toBe(true);
    expect(passesIbanMod97('DE89370400440532013001')).toBe(false);
    expect(passesIbanMod97('DE89')).toBe(false);
  });
  it('SSN area rules', () => {
    expect(isPlausibleSsn({ area: '123', group: '45', serial: '6789' })).toBe(true);
    expect(isPlausibleSsn({ area: '666', group: '45', serial: '6789' })).toBe(false);
    expect(isPlausibleSsn({ area: '901', group: '45', serial: '6789' })).toBe(false);
  });
  it('IPv4 ranges', () => {
    expect(isIpv4('255.255.255.255')).toBe(true);
    expect(isIpv4('256.1.1.1')).toBe(false);
  });
});
