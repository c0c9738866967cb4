import { pdfLayout, TimeSlicer, type Translator } from '@enlace/core';
import type { PlanRow } from '../plan/plan.entity';
import type { PlanRollupRow } from '../rollup/rollup.entity';
import type { ObjectiveRow } from '../structure/structure.entity';
import { tagLabelKey } from '../taxonomy';
import { indicatorLine, memberStateLabel, planText } from './plan-export-text';
import type { PlanPdfContent, PlanPdfLine } from './plan-pdf.layout';

const NS = 'action-plans-exports';

/** The plan report's layout, run by a PDF worker (`PdfRenderer.render`). */
export const PLAN_PDF = pdfLayout<PlanPdfContent>(require.resolve('./plan-pdf.layout'), 'layoutPlanPdf');

/**
 * A plan's report in the reader's language `t`, as the lines the PDF prints (laid out by
 * plan-pdf.layout.ts, in a worker): the plan (member state, period, status), its figures as of
 * `asOf` (weighted progress, actions by status, overdue, indicators on and off track), then each
 * objective with its actions (status, progress, dates, who is responsible) and their indicators.
 * A few hundred translations for a large plan: written in time slices, so that the request thread
 * answers others meanwhile (the same lines whatever the slicing).
 */
export async function planPdfContent(
  plan: PlanRow,
  tree: ObjectiveRow[],
  rollup: PlanRollupRow,
  t: Translator,
  asOf: string,
): Promise<PlanPdfContent> {
  const slicer = new TimeSlicer();
  const title = planText(plan.title, t, plan);
  const lines: PlanPdfLine[] = [];
  const line = (
    text: string,
    font: 'regular' | 'bold',
    size: number,
    color: 'ink' | 'muted' | 'accent' = 'ink',
    indent = 0,
  ) => lines.push({ text, font, size, color, indent });
  const gap = (n: number) => lines.push({ gap: n });

  line(memberStateLabel(plan.memberState, t), 'bold', 12, 'muted');
  gap(0.3);
  line(title, 'bold', 20, 'accent');
  gap(0.3);
  line(
    t.t(`${NS}:pdf.period`, { from: plan.periodStart, to: plan.periodEnd }) +
      ' · ' +
      t.t(`${NS}:planStatus.${plan.status}`) +
      ' · ' +
      t.t(`${NS}:pdf.version`, { version: plan.version }),
    'regular',
    10,
    'muted',
  );
  const summary = planText(plan.summary, t, plan);
  if (summary) {
    gap(0.6);
    line(summary, 'regular', 11);
  }

  gap(1);
  line(t.t(`${NS}:pdf.figures`, { date: asOf }), 'bold', 13, 'accent');
  gap(0.3);
  line(
    t.t(`${NS}:pdf.progress`, { progress: rollup.progress === null ? '–' : Math.round(rollup.progress) }),
    'regular',
    11,
  );
  const byStatus = rollup.actionsByStatus
    .filter((s) => s.count > 0)
    .map((s) => `${t.t(`${NS}:actionStatus.${s.status}`)}: ${s.count}`)
    .join(' · ');
  if (byStatus) line(byStatus, 'regular', 11);
  line(t.t(`${NS}:pdf.overdue`, { n: rollup.overdue }), 'regular', 11);
  line(
    t.t(`${NS}:pdf.indicators`, {
      on: rollup.indicatorsOnTrack,
      off: rollup.indicatorsOffTrack,
      none: rollup.indicatorsWithoutData,
    }),
    'regular',
    11,
  );

  for (const [oi, o] of tree.entries()) {
    gap(1);
    line(`${oi + 1}. ${planText(o.title, t, plan)}`, 'bold', 13, 'accent');
    const description = planText(o.description, t, plan);
    if (description) line(description, 'regular', 10, 'muted');
    if (o.tags.length > 0) line(o.tags.map((k) => t.t(tagLabelKey(k))).join(' · '), 'regular', 9, 'muted');
    if (o.actions.length === 0) line(t.t(`${NS}:pdf.noActions`), 'regular', 10, 'muted', 12);
    for (const [ai, a] of o.actions.entries()) {
      if (slicer.due()) await slicer.yield();
      gap(0.5);
      line(`${oi + 1}.${ai + 1} ${planText(a.title, t, plan)}`, 'bold', 11, 'ink', 12);
      line(
        [
          t.t(`${NS}:actionStatus.${a.status}`),
          t.t(`${NS}:pdf.actionProgress`, { progress: a.progress }),
          t.t(`${NS}:pdf.dates`, { from: a.startsOn, to: a.dueOn }),
        ].join(' · '),
        'regular',
        10,
        'muted',
        12,
      );
      const who = [a.responsibleOrganisation, a.responsiblePersonName].filter((x): x is string => !!x).join(' · ');
      if (who) line(t.t(`${NS}:pdf.responsible`, { who }), 'regular', 10, 'muted', 12);
      for (const i of a.indicators) line(`• ${indicatorLine(i, t, plan)}`, 'regular', 10, 'ink', 24);
    }
  }

  return {
    lang: t.lang,
    title,
    subject: t.t(`${NS}:pdf.subject`),
    lines,
    pageLabel: t.t(`${NS}:pdf.page`, { page: '{page}', pages: '{pages}' }),
  };
}
