import { checkText, FieldError, isLanguage } from '@enlace/core';

/** Longest message body, in characters (also a CHECK in the migration). */
export const MESSAGE_MAX_LENGTH = 4000;
export const CHANNEL_NAME_MAX_LENGTH = 100;
export const CLIENT_ID_MAX_LENGTH = 64;
export const EMOJI_MAX_LENGTH = 32;
/** Distinct reactions one message may carry. */
export const MAX_DISTINCT_REACTIONS = 20;
export const MAX_MENTIONS = 50;
/** Pinned messages one channel may hold (so that `pinnedMessages` is one short list). */
export const MAX_PINNED_MESSAGES = 50;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_MUTE_MINUTES = 60 * 24 * 365;
/** Messages a "since" catch-up returns at most; past that, the client pages through history. */
export const CATCH_UP_LIMIT = 200;

const CLIENT_ID = /^[A-Za-z0-9_.:-]+$/;
/** Mentions are written `<@person-id>` in the body (clients render the name). */
const MENTION = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

/** The people a body mentions, each once, lower-cased, at most MAX_MENTIONS. */
export function extractMentions(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    ids.add(match[1].toLowerCase());
    if (ids.size >= MAX_MENTIONS) break;
  }
  return [...ids];
}

/** Field errors of a message body: storable text, not blank, at most MESSAGE_MAX_LENGTH characters. */
export function checkBody(body: unknown, field = 'body'): FieldError[] {
  if (typeof body !== 'string') return [{ field, key: 'channels:bodyRequired' }];
  if (body.trim() === '') return [{ field, key: 'channels:bodyRequired' }];
  const unstorable = checkText(body, field);
  if (unstorable.length > 0) return unstorable;
  if ([...body].length > MESSAGE_MAX_LENGTH) {
    return [{ field, key: 'channels:bodyTooLong', params: { max: MESSAGE_MAX_LENGTH } }];
  }
  return [];
}

export function checkClientId(clientId: unknown, field = 'clientId'): FieldError[] {
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > CLIENT_ID_MAX_LENGTH) {
    return [{ field, key: 'channels:invalidClientId', params: { max: CLIENT_ID_MAX_LENGTH } }];
  }
  return CLIENT_ID.test(clientId)
    ? []
    : [{ field, key: 'channels:invalidClientId', params: { max: CLIENT_ID_MAX_LENGTH } }];
}

export function checkName(name: unknown, field = 'name'): FieldError[] {
  if (typeof name !== 'string' || name.trim() === '') return [{ field, key: 'channels:nameRequired' }];
  const unstorable = checkText(name, field);
  if (unstorable.length > 0) return unstorable;
  if ([...name.trim()].length > CHANNEL_NAME_MAX_LENGTH) {
    return [{ field, key: 'channels:nameTooLong', params: { max: CHANNEL_NAME_MAX_LENGTH } }];
  }
  return [];
}

/** An emoji reaction: one short run of symbols, no letters, digits, spaces or markup. */
export function checkEmoji(emoji: unknown, field = 'emoji'): FieldError[] {
  if (
    typeof emoji !== 'string' ||
    emoji.length === 0 ||
    emoji.length > EMOJI_MAX_LENGTH ||
    !/^(?:\p{Extended_Pictographic}|\p{Emoji_Component})+$/u.test(emoji) ||
    /^[0-9#*]+$/.test(emoji)
  ) {
    return [{ field, key: 'channels:invalidEmoji' }];
  }
  return [];
}

/** Days after which a notice reminds those who have not acknowledged it, unless its author chose. */
export const DEFAULT_NOTICE_REMIND_DAYS = 3;
export const MAX_NOTICE_REMIND_DAYS = 90;

export function checkRemindAfterDays(days: unknown, field = 'remindAfterDays'): FieldError[] {
  if (days === null || days === undefined) return [];
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_NOTICE_REMIND_DAYS) {
    return [{ field, key: 'channels:invalidRemindAfterDays', params: { max: MAX_NOTICE_REMIND_DAYS } }];
  }
  return [];
}

/** A channel's language, when given: one of the four (en, es, pt, fr). */
export function checkLanguage(language: unknown, field = 'language'): FieldError[] {
  if (language === null || language === undefined || isLanguage(language)) return [];
  return [{ field, key: 'validation:invalidValue' }];
}

export function checkRetention(days: unknown, field = 'retentionDays'): FieldError[] {
  if (days === null || days === undefined) return [];
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_RETENTION_DAYS) {
    return [{ field, key: 'channels:invalidRetention', params: { max: MAX_RETENTION_DAYS } }];
  }
  return [];
}
