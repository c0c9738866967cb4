import type { FieldError } from '@enlace/core';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * Checks a password someone chooses (new account, reset). Length is counted in code points, so a
 * passphrase in any script is measured as people count it. Sign-in never applies this: a password
 * that breaks the policy simply does not match.
 */
export function checkNewPassword(password: string, field: string): FieldError[] {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return [{ field, key: 'validation:tooShort', params: { min: MIN_PASSWORD_LENGTH } }];
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return [{ field, key: 'validation:tooLong', params: { max: MAX_PASSWORD_LENGTH } }];
  }
  return [];
}
