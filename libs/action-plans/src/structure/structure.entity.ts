import type { TranslatableText } from '@enlace/core';
import type { ActionStatus, IndicatorDirection, IndicatorValueType } from '../action-plans-rules';

export interface DueDateRow {
  readonly id: string;
  readonly dueOn: string;
  /** An effective (not superseded) value was reported for it. */
  readonly reported: boolean;
}

export interface IndicatorRow {
  readonly id: string;
  readonly planId: string;
  readonly actionId: string;
  readonly title: TranslatableText;
  readonly unit: string;
  readonly valueType: IndicatorValueType;
  readonly baseline: number;
  readonly target: number;
  readonly direction: IndicatorDirection;
  readonly currentValue: number | null;
  readonly schedule: { readonly start: string; readonly end: string; readonly everyMonths: number };
  readonly dueDates: DueDateRow[];
  readonly version: number;
}

export interface ActionRow {
  readonly id: string;
  readonly planId: string;
  readonly objectiveId: string;
  readonly position: number;
  readonly title: TranslatableText;
  readonly responsibleOrganisation: string | null;
  readonly responsiblePersonId: string | null;
  readonly responsiblePersonName: string | null;
  readonly startsOn: string;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly progress: number;
  readonly weight: number;
  readonly tags: string[];
  readonly version: number;
  readonly indicators: IndicatorRow[];
}

export interface ObjectiveRow {
  readonly id: string;
  readonly planId: string;
  readonly position: number;
  readonly title: TranslatableText;
  readonly description: TranslatableText | null;
  readonly tags: string[];
  readonly version: number;
  readonly actions: ActionRow[];
}

export interface RawObjective {
  id: string;
  plan_id: string;
  position: number;
  title: TranslatableText;
  description: TranslatableText | null;
  tags: string[];
  version: number;
}

export interface RawAction {
  id: string;
  plan_id: string;
  objective_id: string;
  position: number;
  title: TranslatableText;
  responsible_organisation: string | null;
  responsible_person_id: string | null;
  responsible_person_name: string | null;
  starts_on: string;
  due_on: string;
  status: ActionStatus;
  progress: number;
  weight: string;
  tags: string[];
  version: number;
}

export interface RawIndicator {
  id: string;
  plan_id: string;
  action_id: string;
  title: TranslatableText;
  unit: string;
  value_type: IndicatorValueType;
  baseline: string;
  target: string;
  direction: IndicatorDirection;
  current_value: string | null;
  schedule_start: string;
  schedule_end: string;
  every_months: number;
  version: number;
  due_dates: { id: string; due_on: string; reported: boolean }[] | null;
}

export function toIndicator(r: RawIndicator): IndicatorRow {
  return {
    id: r.id,
    planId: r.plan_id,
    actionId: r.action_id,
    title: r.title,
    unit: r.unit,
    valueType: r.value_type,
    baseline: Number(r.baseline),
    target: Number(r.target),
    direction: r.direction,
    currentValue: r.current_value === null ? null : Number(r.current_value),
    schedule: { start: r.schedule_start, end: r.schedule_end, everyMonths: r.every_months },
    dueDates: (r.due_dates ?? []).map((d) => ({ id: d.id, dueOn: d.due_on, reported: d.reported })),
    version: r.version,
  };
}

export function toAction(r: RawAction, indicators: IndicatorRow[] = []): ActionRow {
  return {
    id: r.id,
    planId: r.plan_id,
    objectiveId: r.objective_id,
    position: r.position,
    title: r.title,
    responsibleOrganisation: r.responsible_organisation,
    responsiblePersonId: r.responsible_person_id,
    responsiblePersonName: r.responsible_person_name,
    startsOn: r.starts_on,
    dueOn: r.due_on,
    status: r.status,
    progress: r.progress,
    weight: Number(r.weight),
    tags: r.tags,
    version: r.version,
    indicators,
  };
}

export function toObjective(r: RawObjective, actions: ActionRow[] = []): ObjectiveRow {
  return {
    id: r.id,
    planId: r.plan_id,
    position: r.position,
    title: r.title,
    description: r.description,
    tags: r.tags,
    version: r.version,
    actions,
  };
}
