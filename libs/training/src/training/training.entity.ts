import type { Language, TranslatableText, Visibility } from '@enlace/core';
import type { CompletionRule, TrainingFormat, TrainingStatus } from '../training-rules';

/** A training (cohort, table `training`) as the actor may read it. */
export interface TrainingRow {
  readonly id: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly curriculumVersionId: string;
  readonly title: TranslatableText;
  readonly format: TrainingFormat;
  readonly places: string[];
  readonly timeZone: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly languages: Language[];
  readonly capacity: number;
  readonly enrolmentDeadline: string | null;
  readonly partnerOrganisationIds: string[];
  readonly visibility: Visibility;
  readonly status: TrainingStatus;
  readonly version: number;
  readonly quotas: { countryCode: string; seats: number }[];
  readonly trainerIds: string[];
  readonly seated: number;
  readonly waitlisted: number;
  readonly completionRule: CompletionRule;
  /** MIN_SHARE_OF_SESSIONS: the share of sessions to attend, in (0, 1]. */
  readonly completionMinShare: number | null;
  readonly completedAt: Date | null;
}

export interface RawTraining {
  id: string;
  network_id: string;
  network_language: Language;
  curriculum_version_id: string;
  title: TranslatableText;
  format: TrainingFormat;
  places: string[];
  time_zone: string;
  starts_at: Date;
  ends_at: Date;
  languages: Language[];
  capacity: number;
  enrolment_deadline: string | null;
  partner_organisation_ids: string[];
  visibility: Visibility;
  status: TrainingStatus;
  version: number;
  quotas: { countryCode: string; seats: number }[] | null;
  trainer_ids: string[] | null;
  seated: string | number;
  waitlisted: string | number;
  completion_rule: CompletionRule;
  completion_min_share: string | number | null;
  completed_at: Date | null;
}

export function toTraining(r: RawTraining): TrainingRow {
  return {
    id: r.id,
    networkId: r.network_id,
    networkLanguage: r.network_language,
    curriculumVersionId: r.curriculum_version_id,
    title: r.title,
    format: r.format,
    places: r.places ?? [],
    timeZone: r.time_zone,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    languages: r.languages ?? [],
    capacity: r.capacity,
    enrolmentDeadline: r.enrolment_deadline,
    partnerOrganisationIds: r.partner_organisation_ids ?? [],
    visibility: r.visibility,
    status: r.status,
    version: r.version,
    quotas: (r.quotas ?? []).map((q) => ({ countryCode: q.countryCode.trim(), seats: q.seats })),
    trainerIds: r.trainer_ids ?? [],
    seated: Number(r.seated),
    waitlisted: Number(r.waitlisted),
    completionRule: r.completion_rule,
    completionMinShare: r.completion_min_share === null ? null : Number(r.completion_min_share),
    completedAt: r.completed_at ? new Date(r.completed_at) : null,
  };
}
