export const ORGANISATION_TYPES = [
  'GOVERNMENT',
  'CIVIL_SOCIETY',
  'INTERGOVERNMENTAL',
  'UN',
  'ACADEMIC',
  'OTHER',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const CONTACT_KINDS = ['EMAIL', 'PHONE'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** How one actor stands to another (read from → to: "Gloria WORKS_FOR the ministry", "the fund FUNDS the forum"). */
export const RELATIONSHIP_TYPES = [
  'WORKS_FOR',
  'REPRESENTS',
  'PARTNERS_WITH',
  'REPORTS_TO',
  'MEMBER_OF',
  'FUNDS',
  'ADVISES',
  'COORDINATES_WITH',
  'INFLUENCES',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
/** A relationship's note (what the secretariat knows of it) and source (where it learnt it), in characters. */
export const RELATIONSHIP_NOTE_MAX = 2000;
export const RELATIONSHIP_SOURCE_MAX = 500;

/** Roles a handover designates: one current holder per member state and network. */
export const HANDOVER_ROLES = ['FOCAL_POINT', 'ALTERNATE_FOCAL_POINT'] as const;
export type HandoverRole = (typeof HANDOVER_ROLES)[number];

const PHONE = /^\+?[0-9 ().-]{5,30}$/;

export function isPhone(value: string): boolean {
  return PHONE.test(value) && /\d{5,}/.test(value.replace(/\D/g, ''));
}

/**
 * The words of a search string, folded like the search documents (lowercase, no accents). Anything
 * that is not a letter or a digit separates words, so quotes, SQL and regex characters are only text.
 */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8)
    .map((w) => w.slice(0, 60));
}

/** A `to_tsquery('simple', …)` text matching every word as a prefix; tokens hold letters and digits only. */
export function prefixTsQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `${t}:*`).join(' & ');
}

/** Words long enough, and without digits, to be matched fuzzily (trigram similarity). */
export function isFuzzyWord(token: string): boolean {
  return token.length >= 4 && !/\d/.test(token);
}
