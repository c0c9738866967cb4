/** Longest email address SMTP accepts (RFC 5321 path limit), also the `account.email` check. */
export const MAX_EMAIL_LENGTH = 254;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The form an email is compared, stored and rate-limited under: trimmed, Unicode NFC, lower case.
 * `account.email` is citext as well, so lookups never depend on the caller's capitalisation.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** The same shape `loadConfig` accepts for ADMIN_EMAIL: something@domain.tld, no spaces. */
export function looksLikeEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && EMAIL_SHAPE.test(email);
}
