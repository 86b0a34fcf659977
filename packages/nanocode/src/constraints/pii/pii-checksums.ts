import { digitsOf } from './digits-of.js';

/** True when a digit string passes the Luhn checksum (payment card numbers). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** True when a compact IBAN (no spaces, upper case) passes the ISO 13616 mod-97 check. */
export function passesIbanMod97(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    // Letters count as two digits (A = 10 ... Z = 35); fold each into the running remainder.
    const value = code >= 65 && code <= 90 ? String(code - 55) : code >= 48 && code <= 57 ? char : undefined;
    if (value === undefined) return false;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * True when `area-group-serial` follows the SSA rules for a US Social Security number: area not 000, 666
 * or 900-999; group not 00; serial not 0000.
 */
export function isPlausibleSsn(options: { area: string; group: string; serial: string }): boolean {
  const area = Number(options.area);
  if (area === 0 || area === 666 || area >= 900) return false;
  return Number(options.group) !== 0 && Number(options.serial) !== 0;
}

/** True when every part of a dotted quad is 0-255. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 &&
    parts.every(
      (part) => part.length >= 1 && part.length <= 3 && digitsOf(part) === part && Number(part) <= 255,
    )
  );
}
