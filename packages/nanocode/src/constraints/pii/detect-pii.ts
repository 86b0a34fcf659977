import { isIPv6 } from 'node:net';
import { RE2JS } from 're2js';
import { digitsOf } from './digits-of.js';
import { isIpv4, isPlausibleSsn, passesIbanMod97, passesLuhn } from './pii-checksums.js';
import type { PiiType } from './pii-type.js';

/** One piece of personal data found in a text: `[start, end)` in UTF-16 code units. */
export interface PiiMatch {
  type: PiiType;
  start: number;
  end: number;
  value: string;
}

interface Detector {
  type: PiiType;
  pattern: RE2JS;
  /** Checksum or range rules that turn a candidate into a finding (fewer false positives). */
  accept(value: string): boolean;
}

// RE2 patterns (linear time on untrusted text); checksums weed out look-alikes afterwards.
// Order matters: more specific detectors claim their spans first, so a card is not also a phone.
const DETECTORS: readonly Detector[] = [
  {
    type: 'email',
    pattern: RE2JS.compile('[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}'),
    accept: () => true,
  },
  {
    type: 'iban',
    pattern: RE2JS.compile('\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\\b'),
    accept: (value) => passesIbanMod97(value.split(' ').join('')),
  },
  {
    type: 'credit_card',
    pattern: RE2JS.compile('\\b[0-9](?:[ \\-]?[0-9]){12,18}\\b'),
    accept: (value) => passesLuhn(digitsOf(value)),
  },
  {
    type: 'ssn',
    pattern: RE2JS.compile('\\b([0-9]{3})-([0-9]{2})-([0-9]{4})\\b'),
    accept: (value) => {
      const [area = '', group = '', serial = ''] = value.split('-');
      return isPlausibleSsn({ area, group, serial });
    },
  },
  {
    type: 'ip',
    pattern: RE2JS.compile('\\b[0-9]{1,3}(?:\\.[0-9]{1,3}){3}\\b'),
    accept: isIpv4,
  },
  {
    type: 'ip',
    pattern: RE2JS.compile('[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}'),
    accept: (value) => isIPv6(value) && countHex(value) >= 4,
  },
  {
    type: 'phone',
    pattern: RE2JS.compile(
      '(?:\\+[0-9]{1,3}[ .\\-]?)?(?:\\([0-9]{1,4}\\)[ .\\-]?)?\\b[0-9]{2,4}(?:[ .\\-]?[0-9]{2,4}){1,5}\\b',
    ),
    accept: (value) => {
      const count = digitsOf(value).length;
      return count >= 10 && count <= 15;
    },
  },
];

/**
 * Finds personal data of the given types in a text, in order of position. Detection is pattern plus
 * checksum: cards pass Luhn, IBANs pass mod-97, SSNs follow the area rules, IPs parse. Phones are 10-15
 * digits with common separators. It is a screen, not a guarantee: unusual formats can slip through.
 */
export function detectPii(options: { text: string; types: readonly PiiType[] }): PiiMatch[] {
  const wanted = new Set(options.types);
  const found: PiiMatch[] = [];
  for (const detector of DETECTORS) {
    if (!wanted.has(detector.type)) continue;
    for (const match of detector.pattern.matchAll(options.text)) {
      const value = match[0];
      const start = match.index ?? 0;
      const end = start + value.length;
      if (!isStandalone({ text: options.text, start, end, type: detector.type })) continue;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      if (detector.accept(value)) found.push({ type: detector.type, start, end, value });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function countHex(value: string): number {
  let count = 0;
  for (const char of value) if (char !== ':') count++;
  return count;
}

// Short forms like `a::b` or `::1` are skipped (4+ hex digits required): too often code, not addresses.
// IPv6 candidates need their own edge check: `\b` cannot tell `std::vector` from an address.
function isStandalone(options: { text: string; start: number; end: number; type: PiiType }): boolean {
  if (options.type !== 'ip') return true;
  const before = options.text.charAt(options.start - 1);
  const after = options.text.charAt(options.end);
  return !isAddressChar(before) && !isAddressChar(after);
}

function isAddressChar(char: string): boolean {
  if (char === '') return false;
  const code = char.charCodeAt(0);
  const isWord = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return isWord || char === '_' || char === ':';
}
