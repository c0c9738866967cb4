import type { ActionStatus } from '../action-plans-rules';

/** A plan's figures as of a date (issue 13 item 6). */
export interface PlanRollupRow {
  /** Weighted by the actions' weights, cancelled actions left out, DONE counting 100; null without actions. */
  readonly progress: number | null;
  readonly actionsByStatus: { readonly status: ActionStatus; readonly count: number }[];
  /** Due before the date and neither done nor cancelled. */
  readonly overdue: number;
  readonly indicatorsOnTrack: number;
  readonly indicatorsOffTrack: number;
  readonly indicatorsWithoutData: number;
}

export type DashboardGrouping = 'TOTAL' | 'MEMBER_STATE' | 'REGION' | 'DIMENSION' | 'YEAR';

/** One line of the network dashboard: a group of the plans (or, for dimensions and years, actions) the caller may see. */
export interface DashboardLineRow {
  readonly grouping: DashboardGrouping;
  /** The member state, UN region, `dimension:<key>` or year; null for the total and for regional plans. */
  readonly key: string | null;
  readonly plans: number;
  /** Actions not cancelled. */
  readonly actions: number;
  readonly progress: number | null;
  readonly done: number;
  readonly overdue: number;
  readonly indicatorsOnTrack: number;
  readonly indicatorsOffTrack: number;
}

export interface RawDashboardLine {
  grouping: DashboardGrouping;
  key: string | null;
  plans: string;
  actions: string;
  progress: string | null;
  done: string;
  overdue: string;
  on_track: string;
  off_track: string;
}

export function toDashboardLine(r: RawDashboardLine): DashboardLineRow {
  return {
    grouping: r.grouping,
    key: r.key === null ? null : r.key.trim(),
    plans: Number(r.plans),
    actions: Number(r.actions),
    progress: r.progress === null ? null : Number(r.progress),
    done: Number(r.done),
    overdue: Number(r.overdue),
    indicatorsOnTrack: Number(r.on_track),
    indicatorsOffTrack: Number(r.off_track),
  };
}

/** Sums over some actions of one plan: counted (not cancelled), their weights and weighted progress, done, overdue. */
export interface ActionSums {
  readonly actions: number;
  readonly w: number;
  readonly we: number;
  readonly done: number;
  readonly overdue: number;
}

/**
 * One plan's figures as of a date, frozen in a dashboard snapshot (walk finding 3): what its lines
 * are summed from, so that a reader is shown the sums over the plans they may read now, never more.
 */
export interface PlanFigures extends ActionSums {
  readonly planId: string;
  readonly memberState: string | null;
  readonly region: string | null;
  readonly onTrack: number;
  readonly offTrack: number;
  /** Per `dimension:<key>` of its actions (own tags and objective's), and per year an action is due. */
  readonly dimensions: readonly (ActionSums & { readonly key: string })[];
  readonly years: readonly (ActionSums & { readonly key: string })[];
}
