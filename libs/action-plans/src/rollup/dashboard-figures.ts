import type { DashboardGrouping, DashboardLineRow, PlanFigures } from './rollup.entity';

const ORDER: readonly DashboardGrouping[] = ['TOTAL', 'MEMBER_STATE', 'REGION', 'DIMENSION', 'YEAR'];

/** `round(sum(we) / NULLIF(sum(w), 0), 1)` as the dashboard's statement writes it. */
function progressOf(we: number, w: number): number | null {
  return w === 0 ? null : Math.round((we / w) * 10) / 10;
}

interface Acc {
  plans: Set<string>;
  actions: number;
  w: number;
  we: number;
  done: number;
  overdue: number;
  onTrack: number;
  offTrack: number;
}

const empty = (): Acc => ({ plans: new Set(), actions: 0, w: 0, we: 0, done: 0, overdue: 0, onTrack: 0, offTrack: 0 });

/**
 * The dashboard's lines summed from plans' figures, exactly as `RollupRepository.computeDashboard`
 * groups them (a total always; per member state and UN region, a regional plan's key null; per
 * dimension and due year over actions), in the same order. A snapshot's lines for a reader are
 * this over the plans of the snapshot that reader may read.
 */
export function dashboardLines(plans: readonly PlanFigures[]): DashboardLineRow[] {
  const groups = new Map<string, { grouping: DashboardGrouping; key: string | null; acc: Acc }>();
  const at = (grouping: DashboardGrouping, key: string | null): Acc => {
    const id = JSON.stringify([grouping, key]);
    let g = groups.get(id);
    if (!g) {
      g = { grouping, key, acc: empty() };
      groups.set(id, g);
    }
    return g.acc;
  };
  at('TOTAL', null);
  for (const p of plans) {
    for (const acc of [at('TOTAL', null), at('MEMBER_STATE', p.memberState), at('REGION', p.region)]) {
      acc.plans.add(p.planId);
      acc.actions += p.actions;
      acc.w += p.w;
      acc.we += p.we;
      acc.done += p.done;
      acc.overdue += p.overdue;
      acc.onTrack += p.onTrack;
      acc.offTrack += p.offTrack;
    }
    for (const [grouping, lines] of [
      ['DIMENSION', p.dimensions],
      ['YEAR', p.years],
    ] as const) {
      for (const s of lines) {
        const acc = at(grouping, s.key);
        acc.plans.add(p.planId);
        acc.actions += s.actions;
        acc.w += s.w;
        acc.we += s.we;
        acc.done += s.done;
        acc.overdue += s.overdue;
      }
    }
  }
  return [...groups.values()]
    .map(({ grouping, key, acc }): DashboardLineRow => ({
      grouping,
      key,
      plans: acc.plans.size,
      actions: acc.actions,
      progress: progressOf(acc.we, acc.w),
      done: acc.done,
      overdue: acc.overdue,
      indicatorsOnTrack: acc.onTrack,
      indicatorsOffTrack: acc.offTrack,
    }))
    .sort(
      (a, b) =>
        ORDER.indexOf(a.grouping) - ORDER.indexOf(b.grouping) || String(a.key ?? '').localeCompare(String(b.key ?? '')),
    );
}
