import { startPdf, type Translator } from '@enlace/core';
import type { PlanRow } from '../plan/plan.entity';
import type { PlanRollupRow } from '../rollup/rollup.entity';
import type { ObjectiveRow } from '../structure/structure.entity';
import { tagLabelKey } from '../taxonomy';
import { indicatorLine, memberStateLabel, planText } from './plan-export-text';

const NS = 'action-plans-exports';
const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#1d4e89';
const MARGIN = 50;

/**
 * A plan's report as an A4 portrait PDF in the reader's language `t`: the plan (member state,
 * period, status), its figures as of `asOf` (weighted progress, actions by status, overdue,
 * indicators on and off track), then each objective with its actions (status, progress, dates,
 * who is responsible) and their indicators. pdfkit flows long plans onto further pages.
 */
export async function renderPlanPdf(
  plan: PlanRow,
  tree: ObjectiveRow[],
  rollup: PlanRollupRow,
  t: Translator,
  asOf: string,
): Promise<Buffer> {
  const title = planText(plan.title, t, plan);
  const { doc, finished } = startPdf({
    size: 'A4',
    margin: MARGIN,
    lang: t.lang,
    bufferPages: true,
    info: { Title: title, Subject: t.t(`${NS}:pdf.subject`) },
  });
  const width = doc.page.width - 2 * MARGIN;
  const line = (value: string, font: 'regular' | 'bold', size: number, color = INK, indent = 0) => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(value, MARGIN + indent, doc.y, { width: width - indent });
  };

  line(memberStateLabel(plan.memberState, t), 'bold', 12, MUTED);
  doc.moveDown(0.3);
  line(title, 'bold', 20, ACCENT);
  doc.moveDown(0.3);
  line(
    t.t(`${NS}:pdf.period`, { from: plan.periodStart, to: plan.periodEnd }) +
      ' · ' +
      t.t(`${NS}:planStatus.${plan.status}`) +
      ' · ' +
      t.t(`${NS}:pdf.version`, { version: plan.version }),
    'regular',
    10,
    MUTED,
  );
  const summary = planText(plan.summary, t, plan);
  if (summary) {
    doc.moveDown(0.6);
    line(summary, 'regular', 11);
  }

  doc.moveDown(1);
  line(t.t(`${NS}:pdf.figures`, { date: asOf }), 'bold', 13, ACCENT);
  doc.moveDown(0.3);
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

  tree.forEach((o, oi) => {
    doc.moveDown(1);
    line(`${oi + 1}. ${planText(o.title, t, plan)}`, 'bold', 13, ACCENT);
    const description = planText(o.description, t, plan);
    if (description) line(description, 'regular', 10, MUTED);
    if (o.tags.length > 0) line(o.tags.map((k) => t.t(tagLabelKey(k))).join(' · '), 'regular', 9, MUTED);
    if (o.actions.length === 0) line(t.t(`${NS}:pdf.noActions`), 'regular', 10, MUTED, 12);
    o.actions.forEach((a, ai) => {
      doc.moveDown(0.5);
      line(`${oi + 1}.${ai + 1} ${planText(a.title, t, plan)}`, 'bold', 11, INK, 12);
      line(
        [
          t.t(`${NS}:actionStatus.${a.status}`),
          t.t(`${NS}:pdf.actionProgress`, { progress: a.progress }),
          t.t(`${NS}:pdf.dates`, { from: a.startsOn, to: a.dueOn }),
        ].join(' · '),
        'regular',
        10,
        MUTED,
        12,
      );
      const who = [a.responsibleOrganisation, a.responsiblePersonName].filter((x): x is string => !!x).join(' · ');
      if (who) line(t.t(`${NS}:pdf.responsible`, { who }), 'regular', 10, MUTED, 12);
      for (const i of a.indicators) line(`• ${indicatorLine(i, t, plan)}`, 'regular', 10, INK, 24);
    });
  });

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Written in the bottom margin: without lifting it pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(t.t(`${NS}:pdf.page`, { page: p + 1, pages: range.count }), MARGIN, doc.page.height - MARGIN + 16, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return finished;
}
