import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { instantToLocal, resolveText, type Language, type Translator, type Visibility } from '@enlace/core';
import type {
  CompletionReason,
  CompletionRule,
  EnrolmentCompletion,
  EnrolmentRow,
  EnrolmentStatus,
  TrainingFormat,
  TrainingRow,
  TrainingStatus,
} from '@enlace/training';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import {
  CompletionReasonEnum,
  CompletionRuleEnum,
  EnrolmentStatusEnum,
  TrainingFormatEnum,
  TrainingStatusEnum,
} from './training.enums';

@ObjectType('TrainingQuota', { description: 'Seats reserved at most for one country.' })
export class TrainingQuotaModel {
  @Field()
  countryCode!: string;

  @Field(() => Int)
  seats!: number;
}

@ObjectType('EnrolmentCompletion', { description: 'How an enrolment fared when its training completed.' })
export class EnrolmentCompletionModel {
  @Field()
  completed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, in my language ("Missed the required module …").' })
  reason!: string | null;

  @Field(() => CompletionReasonEnum, { nullable: true })
  reasonCode!: CompletionReason | null;

  @Field(() => Int, { description: 'Sessions they were present at.' })
  presentSessions!: number;

  @Field(() => Int, { description: 'Sessions the training held.' })
  sessions!: number;

  @Field(() => Date)
  evaluatedAt!: Date;
}

export function toEnrolmentCompletionModel(c: EnrolmentCompletion, t: Translator): EnrolmentCompletionModel {
  let reason: string | null = null;
  if (c.reason === 'NOT_ATTENDED') reason = t.t('training:completionReasons.NOT_ATTENDED');
  if (c.reason === 'MISSED_REQUIRED_MODULES') {
    const titles = c.missedModules.map((m) => resolveText(m, t.lang)?.text ?? '');
    reason = t.t('training:completionReasons.MISSED_REQUIRED_MODULES', {
      count: titles.length,
      modules: new Intl.ListFormat(t.lang, { style: 'long', type: 'conjunction' }).format(titles),
    });
  }
  if (c.reason === 'SHARE_TOO_LOW') {
    const share = c.minShare ?? 1;
    reason = t.t('training:completionReasons.SHARE_TOO_LOW', {
      present: c.present,
      count: c.sessions,
      required: Math.ceil(share * c.sessions - 1e-9),
      percent: Math.round(share * 100),
    });
  }
  return {
    completed: c.reason === null,
    reason,
    reasonCode: c.reason,
    presentSessions: c.present,
    sessions: c.sessions,
    evaluatedAt: c.evaluatedAt,
  };
}

@ObjectType('Enrolment', { description: 'A nomination for a training and where it stands.' })
export class EnrolmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  trainingId!: string;

  @Field(() => ID)
  personId!: string;

  @Field()
  name!: string;

  @Field()
  memberState!: string;

  @Field(() => EnrolmentStatusEnum)
  status!: EnrolmentStatus;

  @Field(() => Int, { description: 'Nomination order within the training (the waitlist’s order).' })
  position!: number;

  @Field(() => Date)
  nominatedAt!: Date;

  @Field(() => EnrolmentCompletionModel, {
    nullable: true,
    description: 'Set once the training completed: completed or not, and why not.',
  })
  completion!: EnrolmentCompletionModel | null;
}

export function toEnrolmentModel(e: EnrolmentRow, t: Translator): EnrolmentModel {
  return {
    id: e.id,
    trainingId: e.trainingId,
    personId: e.personId,
    name: e.erased ? t.t('directory:erasedName') : e.name,
    memberState: e.memberState,
    status: e.status,
    position: e.seq,
    nominatedAt: e.nominatedAt,
    completion: e.completion ? toEnrolmentCompletionModel(e.completion, t) : null,
  };
}

@ObjectType('Training', { description: 'A training (cohort) delivering one curriculum version.' })
export class TrainingModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => ID)
  curriculumVersionId!: string;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => TrainingFormatEnum)
  format!: TrainingFormat;

  @Field(() => [String], { description: 'Where it runs (one training may run in two cities).' })
  places!: string[];

  @Field()
  timeZone!: string;

  @Field({ description: 'Local start in `timeZone`, "YYYY-MM-DDTHH:mm".' })
  start!: string;

  @Field({ description: 'Local end in `timeZone`, "YYYY-MM-DDTHH:mm".' })
  end!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => [LanguageEnum])
  languages!: Language[];

  @Field(() => Int)
  capacity!: number;

  @Field(() => [TrainingQuotaModel])
  quotas!: TrainingQuotaModel[];

  @Field(() => String, { nullable: true, description: 'Last day for nominations, YYYY-MM-DD.' })
  enrolmentDeadline!: string | null;

  @Field(() => [ID], { description: 'Co-delivering organisations (the UN Office, the Auschwitz Institute...).' })
  partnerOrganisationIds!: string[];

  @Field(() => [ID])
  trainerIds!: string[];

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  @Field(() => TrainingStatusEnum)
  status!: TrainingStatus;

  @Field(() => Int, { description: 'Seats taken (confirmed, attended, completed).' })
  seated!: number;

  @Field(() => Int)
  waitlisted!: number;

  @Field(() => CompletionRuleEnum)
  completionRule!: CompletionRule;

  @Field(() => Float, {
    nullable: true,
    description: 'MIN_SHARE_OF_SESSIONS: the share of sessions to attend, (0, 1].',
  })
  minSessionShare!: number | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int)
  version!: number;

  row!: TrainingRow;
}

export const TrainingConnection = Paginated(TrainingModel);

export function toTrainingModel(tr: TrainingRow, t: Translator): TrainingModel {
  return {
    id: tr.id,
    networkId: tr.networkId,
    curriculumVersionId: tr.curriculumVersionId,
    title: toTranslatedText(tr.title, t, tr.networkLanguage) as TranslatedTextModel,
    format: tr.format,
    places: tr.places,
    timeZone: tr.timeZone,
    start: instantToLocal(tr.startsAt, tr.timeZone),
    end: instantToLocal(tr.endsAt, tr.timeZone),
    startsAt: tr.startsAt,
    endsAt: tr.endsAt,
    languages: tr.languages,
    capacity: tr.capacity,
    quotas: tr.quotas,
    enrolmentDeadline: tr.enrolmentDeadline,
    partnerOrganisationIds: tr.partnerOrganisationIds,
    trainerIds: tr.trainerIds,
    visibility: tr.visibility,
    status: tr.status,
    seated: tr.seated,
    waitlisted: tr.waitlisted,
    completionRule: tr.completionRule,
    minSessionShare: tr.completionMinShare,
    completedAt: tr.completedAt,
    version: tr.version,
    row: tr,
  };
}
