import { instantToLocal, type TranslatableText } from '@enlace/core';
import { Assignee, toAssignee } from '../agenda/agenda.entity';

export const FOLLOW_UP_STATUSES = ['OPEN', 'DONE', 'DROPPED'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/**
 * A decision of a meeting, numbered "year/series/number" (2012/4/1): the year the meeting began (in
 * its own zone), the meeting's place in its body's series, the decision's number in the meeting.
 */
export interface DecisionRow {
  readonly id: string;
  readonly meetingId: string;
  readonly networkLanguage: string;
  readonly number: number;
  readonly seriesNumber: number;
  readonly year: number;
  readonly label: string;
  readonly text: TranslatableText;
  readonly version: number;
}

/** A follow-up action of a decision: its id is stable, for action plans to link to. */
export interface FollowUpRow {
  readonly id: string;
  readonly decisionId: string;
  readonly meetingId: string;
  readonly networkId: string;
  readonly decisionLabel: string;
  readonly text: TranslatableText;
  readonly assignee: Assignee | null;
  /** "YYYY-MM-DD". */
  readonly dueOn: string | null;
  readonly status: FollowUpStatus;
  readonly version: number;
}

export function decisionLabel(startsAt: Date, timeZone: string, series: number, number: number): string {
  return `${yearOf(startsAt, timeZone)}/${series}/${number}`;
}

export function yearOf(startsAt: Date, timeZone: string): number {
  return Number(instantToLocal(new Date(startsAt), timeZone).slice(0, 4));
}

export interface RawDecision {
  id: string;
  meeting_id: string;
  network_language: string;
  number: number;
  series_number: number;
  text: TranslatableText;
  version: number;
  starts_at: Date;
  time_zone: string;
}

export function toDecision(r: RawDecision): DecisionRow {
  const year = yearOf(r.starts_at, r.time_zone);
  return {
    id: r.id,
    meetingId: r.meeting_id,
    networkLanguage: r.network_language,
    number: Number(r.number),
    seriesNumber: Number(r.series_number),
    year,
    label: `${year}/${r.series_number}/${r.number}`,
    text: r.text,
    version: Number(r.version),
  };
}

export interface RawFollowUp {
  id: string;
  decision_id: string;
  meeting_id: string;
  network_id: string;
  decision_number: number;
  series_number: number;
  starts_at: Date;
  time_zone: string;
  text: TranslatableText;
  assignee_person_id: string | null;
  assignee_name: string | null;
  assignee_erased: boolean | null;
  assignee_country: string | null;
  /** False when the reader may not see the assigned person in the directory (then no assignee is shown). */
  assignee_visible: boolean | null;
  due_on: string | null;
  status: FollowUpStatus;
  version: number;
}

export function toFollowUp(r: RawFollowUp): FollowUpRow {
  return {
    id: r.id,
    decisionId: r.decision_id,
    meetingId: r.meeting_id,
    networkId: r.network_id,
    decisionLabel: decisionLabel(r.starts_at, r.time_zone, Number(r.series_number), Number(r.decision_number)),
    text: r.text,
    assignee:
      r.assignee_visible === false
        ? null
        : toAssignee(r.assignee_person_id, r.assignee_name, r.assignee_erased, r.assignee_country),
    dueOn: r.due_on,
    status: r.status,
    version: Number(r.version),
  };
}
