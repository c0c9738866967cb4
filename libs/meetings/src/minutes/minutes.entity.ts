import type { TranslatableText } from '@enlace/core';
import type { MinutesStatus, Quorum, SignOffDecision } from './minutes-rules';

/** One member state's voice on the minutes. */
export interface SignOffRow {
  readonly memberState: string;
  readonly decision: SignOffDecision;
  readonly reason: string | null;
  /** The revision the voice was given on. */
  readonly revision: number;
  readonly signedAt: Date;
  readonly personId: string | null;
  readonly personName: string | null;
}

/** The minutes of a meeting (table `meeting_minutes`) with their voices and the member states present. */
export interface MinutesRow {
  readonly id: string;
  readonly meetingId: string;
  readonly status: MinutesStatus;
  readonly body: TranslatableText;
  readonly quorum: Quorum;
  readonly revision: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly circulatedAt: Date | null;
  readonly approvedAt: Date | null;
  readonly signOffs: SignOffRow[];
  /** Member states whose focal point (or delegated alternate) was recorded PRESENT, by code. */
  readonly presentStates: string[];
}

/** One saved version of the minutes' text. */
export interface MinutesRevisionRow {
  readonly minutesId: string;
  readonly revision: number;
  readonly body: TranslatableText;
  readonly savedAt: Date;
  readonly savedBy: string | null;
  readonly savedByName: string | null;
}

export interface RawMinutes {
  id: string;
  meeting_id: string;
  status: MinutesStatus;
  body: TranslatableText;
  quorum_numerator: number;
  quorum_denominator: number;
  revision: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  circulated_at: Date | null;
  approved_at: Date | null;
  sign_offs:
    | {
        memberState: string;
        decision: SignOffDecision;
        reason: string | null;
        revision: number;
        signedAt: string;
        personId: string | null;
        personName: string | null;
      }[]
    | null;
  present_states: string[] | null;
}

export function toMinutes(r: RawMinutes): MinutesRow {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    status: r.status,
    body: r.body,
    quorum: { numerator: r.quorum_numerator, denominator: r.quorum_denominator },
    revision: r.revision,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    circulatedAt: r.circulated_at,
    approvedAt: r.approved_at,
    signOffs: (r.sign_offs ?? []).map((s) => ({
      memberState: s.memberState.trim(),
      decision: s.decision,
      reason: s.reason,
      revision: s.revision,
      signedAt: new Date(s.signedAt),
      personId: s.personId,
      personName: s.personName,
    })),
    presentStates: [...new Set((r.present_states ?? []).map((c) => c.trim()))].sort(),
  };
}
