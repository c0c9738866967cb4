import type { TranslatableText } from '@enlace/core';

export const SOURCE_KINDS = ['FOLLOW_UP', 'RECOMMENDATION', 'PROTOCOL_ARTICLE'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A recommendation of a UN mechanism or a network that actions answer (table `plan_recommendation`). */
export interface RecommendationRow {
  readonly id: string;
  readonly networkId: string;
  readonly source: string;
  readonly issuedOn: string;
  readonly text: TranslatableText;
}

/** What one action cites (table `plan_action_source`). */
export interface SourceRow {
  readonly id: string;
  readonly actionId: string;
  readonly kind: SourceKind;
  readonly followUpId: string | null;
  /** The follow-up's status as the meetings context keeps it (OPEN, DONE, DROPPED). */
  readonly followUpStatus: string | null;
  readonly closesFollowUp: boolean;
  readonly recommendation: RecommendationRow | null;
  readonly protocol: string | null;
  readonly article: string | null;
}

export interface RawRecommendation {
  id: string;
  network_id: string;
  source: string;
  issued_on: string;
  text: TranslatableText;
}

export function toRecommendation(r: RawRecommendation): RecommendationRow {
  return { id: r.id, networkId: r.network_id, source: r.source, issuedOn: r.issued_on, text: r.text };
}

export interface RawSource {
  id: string;
  action_id: string;
  kind: SourceKind;
  follow_up_id: string | null;
  follow_up_status: string | null;
  closes_follow_up: boolean;
  recommendation: RawRecommendation | null;
  protocol: string | null;
  article: string | null;
}

export function toSource(r: RawSource): SourceRow {
  return {
    id: r.id,
    actionId: r.action_id,
    kind: r.kind,
    followUpId: r.follow_up_id,
    followUpStatus: r.follow_up_status,
    closesFollowUp: r.closes_follow_up,
    recommendation: r.recommendation ? toRecommendation(r.recommendation) : null,
    protocol: r.protocol,
    article: r.article,
  };
}
