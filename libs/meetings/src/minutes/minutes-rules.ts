import type { FieldError } from '@enlace/core';

/** The minutes' lifecycle (SPEC §4.3): written, circulated to the member states, approved by them. */
export const MINUTES_STATUSES = ['DRAFT', 'CIRCULATED', 'APPROVED'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** A member state's voice on circulated minutes. */
export const SIGN_OFF_DECISIONS = ['APPROVE', 'OBJECT'] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

/** Some 15 pages per language: two languages fit one request (the body limit is 256 KiB). */
export const MAX_MINUTES_LENGTH = 50_000;
export const MAX_REASON_LENGTH = 2000;
/** Two thirds of the member states present, unless the meeting sets another fraction. */
export const DEFAULT_QUORUM = { numerator: 2, denominator: 3 } as const;

export interface Quorum {
  readonly numerator: number;
  readonly denominator: number;
}

/** A quorum is a fraction in (0, 1] with a denominator of at most 100 ("2/3", "1/2", "3/4", "1/1"). */
export function checkQuorum(quorum: Quorum | null | undefined, field = 'quorum'): FieldError[] {
  if (quorum == null) return [];
  const { numerator, denominator } = quorum;
  const whole = Number.isInteger(numerator) && Number.isInteger(denominator);
  if (!whole || numerator < 1 || denominator < 1 || denominator > 100 || numerator > denominator) {
    return [{ field, key: 'meetings:minutes.invalidQuorum' }];
  }
  return [];
}

/** Are `approvals` voices enough among `present` member states for `quorum`? (Never with nobody present.) */
export function quorumReached(approvals: number, present: number, quorum: Quorum): boolean {
  return present > 0 && approvals * quorum.denominator >= present * quorum.numerator;
}

/** How many approvals `quorum` needs among `present` member states (3 of 4 for two thirds). */
export function approvalsNeeded(present: number, quorum: Quorum): number {
  return Math.max(1, Math.ceil((present * quorum.numerator) / quorum.denominator));
}
