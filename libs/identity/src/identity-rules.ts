import type { FieldError } from '@enlace/core';

/*
 * Identity's pure rules, shared by its aggregates: what a chosen password and a person's name must be.
 * Constants of one aggregate (session and link lifetimes, rate-limit budgets) stay beside its service.
 */

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

export const MAX_NAME_LENGTH = 200;

/** A person's name as stored: trimmed, 1 to 200 characters. Returns field errors instead of throwing. */
export function checkName(name: string | undefined | null, field: string): FieldError[] {
  const trimmed = (name ?? '').trim();
  if (trimmed === '') return [{ field, key: 'validation:required' }];
  if ([...trimmed].length > MAX_NAME_LENGTH)
    return [{ field, key: 'validation:tooLong', params: { max: MAX_NAME_LENGTH } }];
  return [];
}
