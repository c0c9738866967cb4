import type { Language, TranslatableText, Visibility } from '@enlace/core';
import type { PlanStatus } from '../action-plans-rules';

/** One action plan (table `action_plan`), without its objectives. */
export interface PlanRow {
  readonly id: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  /** Null for a regional plan of the whole network. */
  readonly memberState: string | null;
  readonly title: TranslatableText;
  readonly summary: TranslatableText | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly status: PlanStatus;
  readonly visibility: Visibility;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedByName: string | null;
}

export interface RawPlan {
  id: string;
  network_id: string;
  network_language: Language;
  member_state: string | null;
  title: TranslatableText;
  summary: TranslatableText | null;
  period_start: string;
  period_end: string;
  status: PlanStatus;
  visibility: Visibility;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

export function toPlan(r: RawPlan): PlanRow {
  return {
    id: r.id,
    networkId: r.network_id,
    networkLanguage: r.network_language,
    memberState: r.member_state ? r.member_state.trim() : null,
    title: r.title,
    summary: r.summary,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    visibility: r.visibility,
    version: r.version,
    updatedAt: new Date(r.updated_at),
    updatedByName: r.updated_by_name,
  };
}
