import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new verification code: 160 random bits as 32 base32 characters (never derived from anything). */
export function newCertificateCode(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/**
 * A code as typed or scanned, in its stored form: upper case, without the hyphens and spaces it is
 * printed with, and with the letters Crockford's base32 reads as digits (I, L → 1; O → 0). Anything
 * else is kept as it is, so a forged code simply matches nothing.
 */
export function normaliseCertificateCode(input: string): string {
  return input
    .slice(0, 200)
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** The code as printed: groups of four ("7K3M-Q2XD-…"). */
export function displayCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}
