import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { countries, type Translator, type Visibility } from '@enlace/core';
import {
  tagLabelKey,
  type ActionRow,
  type ActionStatus,
  type DashboardGrouping,
  type DashboardLineRow,
  type IndicatorDirection,
  type IndicatorRow,
  type IndicatorValueType,
  type ObjectiveRow,
  type PlanRow,
  type PlanStatus,
  type ReportRow,
} from '@enlace/action-plans';
import { Paginated } from '../graphql/models/connection.model';
import { VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import {
  ActionStatusEnum,
  DashboardGroupingEnum,
  IndicatorDirectionEnum,
  IndicatorValueTypeEnum,
  PlanStatusEnum,
} from './action-plans.enums';

@ObjectType('PreventionTag', {
  description:
    'A dimension of structural prevention (`dimension:*`) or a UN Framework of Analysis resilience measure (`measure:*`).',
})
export class PreventionTagModel {
  @Field()
  key!: string;

  @Field({ description: 'In the request language.' })
  label!: string;
}

export function toTagModel(key: string, t: Translator): PreventionTagModel {
  return { key, label: t.t(tagLabelKey(key)) };
}

@ObjectType('IndicatorDueDate', { description: 'A date a value of the indicator is due.' })
export class DueDateModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field({ description: 'A value (not superseded) answers it.' })
  reported!: boolean;
}

@ObjectType('ReportingSchedule')
export class ScheduleModel {
  @Field()
  start!: string;

  @Field()
  end!: string;

  @Field(() => Int)
  everyMonths!: number;
}

@ObjectType('PlanIndicator')
export class IndicatorModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  actionId!: string;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field()
  unit!: string;

  @Field(() => IndicatorValueTypeEnum)
  valueType!: IndicatorValueType;

  @Field(() => Float)
  baseline!: number;

  @Field(() => Float)
  target!: number;

  @Field(() => IndicatorDirectionEnum)
  direction!: IndicatorDirection;

  @Field(() => Float, { nullable: true, description: 'The value of its latest reported due date.' })
  currentValue!: number | null;

  @Field(() => ScheduleModel)
  schedule!: ScheduleModel;

  @Field(() => [DueDateModel])
  dueDates!: DueDateModel[];

  @Field(() => Int)
  version!: number;
}

@ObjectType('PlanAction')
export class ActionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  planId!: string;

  @Field(() => ID)
  objectiveId!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => String, { nullable: true })
  responsibleOrganisation!: string | null;

  @Field(() => ID, { nullable: true })
  responsiblePersonId!: string | null;

  @Field(() => String, { nullable: true })
  responsiblePersonName!: string | null;

  @Field()
  startsOn!: string;

  @Field()
  dueOn!: string;

  @Field(() => ActionStatusEnum)
  status!: ActionStatus;

  @Field(() => Int)
  progress!: number;

  @Field(() => Float)
  weight!: number;

  @Field(() => [PreventionTagModel])
  tags!: PreventionTagModel[];

  @Field(() => [IndicatorModel])
  indicators!: IndicatorModel[];

  @Field(() => Int)
  version!: number;

  row!: ActionRow;
}

@ObjectType('PlanObjective')
export class ObjectiveModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  planId!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => TranslatedTextModel, { nullable: true })
  description!: TranslatedTextModel | null;

  @Field(() => [PreventionTagModel])
  tags!: PreventionTagModel[];

  @Field(() => [ActionModel])
  actions!: ActionModel[];

  @Field(() => Int)
  version!: number;
}

@ObjectType('ActionPlan', { description: 'A national (or regional) action plan of a network (SPEC §4.4).' })
export class ActionPlanModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => String, { nullable: true, description: 'The member state; null for a regional plan.' })
  memberState!: string | null;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => TranslatedTextModel, { nullable: true })
  summary!: TranslatedTextModel | null;

  @Field()
  periodStart!: string;

  @Field()
  periodEnd!: string;

  @Field(() => PlanStatusEnum)
  status!: PlanStatus;

  @Field(() => VisibilityEnum, {
    description: 'RESTRICTED: the country team (focal point, alternate, action owners) and the secretariat.',
  })
  visibility!: Visibility;

  @Field(() => Int)
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;

  row!: PlanRow;
}

export const ActionPlanConnection = Paginated(ActionPlanModel);

@ObjectType('ProgressReport', { description: 'An entry of the append-only progress log.' })
export class ReportModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  actionId!: string;

  @Field(() => ID, { nullable: true })
  indicatorId!: string | null;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => ActionStatusEnum, { nullable: true })
  status!: ActionStatus | null;

  @Field(() => Int, { nullable: true })
  progress!: number | null;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => TranslatedTextModel, { nullable: true })
  narrative!: TranslatedTextModel | null;

  @Field(() => ID, { nullable: true, description: 'The report this one corrects.' })
  supersedes!: string | null;

  @Field(() => ID, { nullable: true, description: 'The correction that replaced this one.' })
  supersededBy!: string | null;

  @Field(() => String, { nullable: true })
  authorName!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('ActionStatusCount')
export class StatusCountModel {
  @Field(() => ActionStatusEnum)
  status!: ActionStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ActionPlanRollup', { description: 'A plan’s figures as of a date, computed in SQL.' })
export class PlanRollupModel {
  @Field(() => Float, {
    nullable: true,
    description: 'Weighted progress %, cancelled actions left out, DONE counting 100.',
  })
  progress!: number | null;

  @Field(() => [StatusCountModel])
  actionsByStatus!: StatusCountModel[];

  @Field(() => Int)
  overdue!: number;

  @Field(() => Int)
  indicatorsOnTrack!: number;

  @Field(() => Int)
  indicatorsOffTrack!: number;

  @Field(() => Int)
  indicatorsWithoutData!: number;
}

@ObjectType('DashboardLine')
export class DashboardLineModel {
  @Field(() => DashboardGroupingEnum)
  grouping!: DashboardGrouping;

  @Field(() => String, {
    nullable: true,
    description:
      'Member state, UN region, dimension tag or year; null for the total and, by member state, for the regional plans (label "Regional (whole network)").',
  })
  key!: string | null;

  @Field(() => String, { nullable: true, description: 'The key in the request language, where it has one.' })
  label!: string | null;

  @Field(() => Int)
  plans!: number;

  @Field(() => Int)
  actions!: number;

  @Field(() => Float, { nullable: true })
  progress!: number | null;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  overdue!: number;

  @Field(() => Int)
  indicatorsOnTrack!: number;

  @Field(() => Int)
  indicatorsOffTrack!: number;
}

@ObjectType('NetworkDashboard', { description: 'Roll-ups across the network’s plans the caller may read.' })
export class DashboardModel {
  @Field()
  asOf!: string;

  @Field(() => DashboardLineModel)
  total!: DashboardLineModel;

  @Field(() => [DashboardLineModel])
  byMemberState!: DashboardLineModel[];

  @Field(() => [DashboardLineModel])
  byRegion!: DashboardLineModel[];

  @Field(() => [DashboardLineModel])
  byDimension!: DashboardLineModel[];

  @Field(() => [DashboardLineModel])
  byYear!: DashboardLineModel[];
}

const text = (value: Parameters<typeof toTranslatedText>[0], t: Translator, plan?: PlanRow) =>
  toTranslatedText(value, t, plan?.networkLanguage) as TranslatedTextModel;

export function toActionPlanModel(p: PlanRow, t: Translator): ActionPlanModel {
  return {
    id: p.id,
    networkId: p.networkId,
    memberState: p.memberState,
    title: text(p.title, t, p),
    summary: toTranslatedText(p.summary, t, p.networkLanguage),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status,
    visibility: p.visibility,
    version: p.version,
    updatedAt: p.updatedAt,
    row: p,
  };
}

export function toIndicatorModel(i: IndicatorRow, t: Translator, plan?: PlanRow): IndicatorModel {
  return {
    id: i.id,
    actionId: i.actionId,
    title: text(i.title, t, plan),
    unit: i.unit,
    valueType: i.valueType,
    baseline: i.baseline,
    target: i.target,
    direction: i.direction,
    currentValue: i.currentValue,
    schedule: i.schedule,
    dueDates: i.dueDates,
    version: i.version,
  };
}

export function toActionModel(a: ActionRow, t: Translator, plan?: PlanRow): ActionModel {
  return {
    id: a.id,
    planId: a.planId,
    objectiveId: a.objectiveId,
    position: a.position,
    title: text(a.title, t, plan),
    responsibleOrganisation: a.responsibleOrganisation,
    responsiblePersonId: a.responsiblePersonId,
    responsiblePersonName: a.responsiblePersonName,
    startsOn: a.startsOn,
    dueOn: a.dueOn,
    status: a.status,
    progress: a.progress,
    weight: a.weight,
    tags: a.tags.map((k) => toTagModel(k, t)),
    indicators: a.indicators.map((i) => toIndicatorModel(i, t, plan)),
    version: a.version,
    row: a,
  };
}

export function toObjectiveModel(o: ObjectiveRow, t: Translator, plan?: PlanRow): ObjectiveModel {
  return {
    id: o.id,
    planId: o.planId,
    position: o.position,
    title: text(o.title, t, plan),
    description: toTranslatedText(o.description, t, plan?.networkLanguage),
    tags: o.tags.map((k) => toTagModel(k, t)),
    actions: o.actions.map((a) => toActionModel(a, t, plan)),
    version: o.version,
  };
}

export function toReportModel(r: ReportRow, t: Translator): ReportModel {
  return {
    id: r.id,
    actionId: r.actionId,
    indicatorId: r.indicatorId,
    dueOn: r.dueOn,
    status: r.status,
    progress: r.progress,
    value: r.value,
    narrative: toTranslatedText(r.narrative, t),
    supersedes: r.supersedes,
    supersededBy: r.supersededBy,
    authorName: r.authorName,
    createdAt: r.createdAt,
  };
}

function lineLabel(l: DashboardLineRow, t: Translator): string | null {
  // The regional plans (no member state) have their line by member state: key null, labelled as in the exports.
  if (l.grouping === 'MEMBER_STATE' && l.key === null) return t.t('action-plans-exports:regional');
  if (l.key === null) return null;
  if (l.grouping === 'DIMENSION') return t.t(tagLabelKey(l.key));
  if (l.grouping === 'MEMBER_STATE') return countries.getName(l.key, t.lang) ?? l.key;
  return null;
}

export function toDashboardModel(d: { asOf: string; lines: DashboardLineRow[] }, t: Translator): DashboardModel {
  const lines = d.lines.map((l) => ({ ...l, label: lineLabel(l, t) }));
  const total = lines.find((l) => l.grouping === 'TOTAL') ?? {
    grouping: 'TOTAL' as const,
    key: null,
    label: null,
    plans: 0,
    actions: 0,
    progress: null,
    done: 0,
    overdue: 0,
    indicatorsOnTrack: 0,
    indicatorsOffTrack: 0,
  };
  return {
    asOf: d.asOf,
    total,
    byMemberState: lines.filter((l) => l.grouping === 'MEMBER_STATE'),
    byRegion: lines.filter((l) => l.grouping === 'REGION'),
    byDimension: lines.filter((l) => l.grouping === 'DIMENSION'),
    byYear: lines.filter((l) => l.grouping === 'YEAR'),
  };
}
