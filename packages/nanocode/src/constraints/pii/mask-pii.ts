import { digitsOf } from './digits-of.js';
import type { PiiType } from './pii-type.js';

/**
 * Masks a detected PII value so that evidence and messages can point at it without leaking it:
 * `j***@e***.com`, `****1234` (cards), `***-**-6789` (SSN), `DE****3000` (IBAN), `***67` (phone),
 * `10.*.*.*` (IPv4), `2001:*` (IPv6).
 */
export function maskPii(options: { type: PiiType; value: string }): string {
  const { value } = options;
  const digits = digitsOf(value);
  switch (options.type) {
    case 'email': {
      const at = value.lastIndexOf('@');
      const domain = value.slice(at + 1);
      const dot = domain.lastIndexOf('.');
      return `${value.charAt(0)}***@${domain.charAt(0)}***${dot >= 0 ? domain.slice(dot) : ''}`;
    }
    case 'credit_card':
      return `****${digits.slice(-4)}`;
    case 'ssn':
      return `***-**-${digits.slice(-4)}`;
    case 'iban': {
      const compact = value.split(' ').join('');
      return `${compact.slice(0, 2)}****${compact.slice(-4)}`;
    }
    case 'phone':
      return `***${digits.slice(-2)}`;
    case 'ip':
      return value.includes(':') ? `${value.split(':')[0]}:*` : `${value.split('.')[0]}.*.*.*`;
  }
}
