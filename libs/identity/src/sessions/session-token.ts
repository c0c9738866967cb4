import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enl_';

/** A new opaque bearer token (256 bits of randomness) and the hash stored in its place. */
export function newToken(): { token: string; hash: Buffer } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Cheap shape check so that garbage never reaches the database. */
export function looksLikeToken(value: string): boolean {
  return (
    value.length === PREFIX.length + 43 &&
    value.startsWith(PREFIX) &&
    /^[A-Za-z0-9_-]+$/.test(value.slice(PREFIX.length))
  );
}
