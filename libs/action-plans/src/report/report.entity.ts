import type { TranslatableText } from '@enlace/core';
import type { ActionStatus } from '../action-plans-rules';

/** One entry of the append-only progress log (table `plan_progress_report`). */
export interface ReportRow {
  readonly id: string;
  readonly seq: number;
  readonly planId: string;
  readonly actionId: string;
  readonly indicatorId: string | null;
  readonly dueId: string | null;
  readonly dueOn: string | null;
  readonly status: ActionStatus | null;
  readonly progress: number | null;
  readonly value: number | null;
  readonly narrative: TranslatableText | null;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
  readonly authorId: string | null;
  readonly authorName: string | null;
  readonly createdAt: Date;
}

export interface RawReport {
  id: string;
  seq: string;
  plan_id: string;
  action_id: string;
  indicator_id: string | null;
  due_id: string | null;
  due_on: string | null;
  status: ActionStatus | null;
  progress: number | null;
  value: string | null;
  narrative: TranslatableText | null;
  supersedes: string | null;
  superseded_by: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
}

export function toReport(r: RawReport): ReportRow {
  return {
    id: r.id,
    seq: Number(r.seq),
    planId: r.plan_id,
    actionId: r.action_id,
    indicatorId: r.indicator_id,
    dueId: r.due_id,
    dueOn: r.due_on,
    status: r.status,
    progress: r.progress,
    value: r.value === null ? null : Number(r.value),
    narrative: r.narrative,
    supersedes: r.supersedes,
    supersededBy: r.superseded_by,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: new Date(r.created_at),
  };
}
