import { Injectable } from '@nestjs/common';
import { Actor, CsvCell, I18nService, PdfRenderer, requirePerson, Translator, writeCsv } from '@enlace/core';
import { PlanService } from '../plan/plan.service';
import { RollupService } from '../rollup/rollup.service';
import { DashboardLineRow } from '../rollup/rollup.entity';
import { StructureService } from '../structure/structure.service';
import { tagLabelKey } from '../taxonomy';
import { indicatorLine, memberStateLabel, planText } from './plan-export-text';
import { PLAN_PDF, planPdfContent } from './plan-pdf';

/** A file to send: its name, type and bytes. */
export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: string | Buffer;
}

const NS = 'action-plans-exports';

const stamp = () => new Date().toISOString().slice(0, 10);

/**
 * Action plans as files (issue 13 item 11): a plan as CSV (one row per action with its indicators)
 * and as a PDF report, the network dashboard as CSV, in the requester's language and within what
 * they may read (the plan is loaded through its visibility: a hidden one is NOT_FOUND like a missing
 * one; the dashboard counts only the plans the caller may read).
 */
@Injectable()
export class PlanExportService {
  constructor(
    private readonly plans: PlanService,
    private readonly structure: StructureService,
    private readonly rollups: RollupService,
    private readonly i18n: I18nService,
    private readonly pdfs: PdfRenderer,
  ) {}

  async planCsv(actor: Actor, planId: unknown): Promise<ExportFile> {
    requirePerson(actor);
    const plan = await this.plans.get(actor, planId);
    const tree = await this.structure.tree(plan);
    const t = this.i18n.translator(actor.lang);
    const h = (key: string) => t.t(`${NS}:csv.${key}`);
    const tags = (keys: readonly string[]) => keys.map((k) => t.t(tagLabelKey(k))).join('\n');
    const rows: CsvCell[][] = [
      [
        h('objective'),
        h('objectiveTags'),
        h('action'),
        h('responsibleOrganisation'),
        h('responsiblePerson'),
        h('startsOn'),
        h('dueOn'),
        h('status'),
        h('progress'),
        h('weight'),
        h('actionTags'),
        h('indicators'),
      ],
    ];
    for (const o of tree) {
      for (const a of o.actions) {
        rows.push([
          planText(o.title, t, plan),
          tags(o.tags),
          planText(a.title, t, plan),
          a.responsibleOrganisation,
          a.responsiblePersonName ?? (a.responsiblePersonId ? t.t(`${NS}:erasedPerson`) : null),
          a.startsOn,
          a.dueOn,
          t.t(`${NS}:actionStatus.${a.status}`),
          a.progress,
          a.weight,
          tags(a.tags),
          a.indicators.map((i) => indicatorLine(i, t, plan)).join('\n'),
        ]);
      }
    }
    return {
      filename: `action-plan-${plan.memberState ?? 'regional'}-${stamp()}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: writeCsv(rows, { bom: true }),
    };
  }

  async planPdf(actor: Actor, planId: unknown, asOf?: string | null): Promise<ExportFile> {
    requirePerson(actor);
    const plan = await this.plans.get(actor, planId);
    const [tree, rollup] = await Promise.all([this.structure.tree(plan), this.rollups.planRollup(plan, asOf)]);
    const t = this.i18n.translator(actor.lang);
    // Gathered and translated here; laid out by a PDF worker (PdfBusyError when too many wait).
    const body = await this.pdfs.render(PLAN_PDF, await planPdfContent(plan, tree, rollup, t, asOf ?? stamp()));
    return {
      filename: `action-plan-${plan.memberState ?? 'regional'}-${stamp()}.pdf`,
      contentType: 'application/pdf',
      body,
    };
  }

  async dashboardCsv(
    actor: Actor,
    args: {
      networkId: string;
      asOf?: string | null;
      status?: string | null;
      periodFrom?: string | null;
      periodTo?: string | null;
    },
  ): Promise<ExportFile> {
    requirePerson(actor);
    const { asOf, lines } = await this.rollups.dashboard(actor, args);
    const t = this.i18n.translator(actor.lang);
    const h = (key: string) => t.t(`${NS}:csv.${key}`);
    const rows: CsvCell[][] = [
      [
        h('grouping'),
        h('key'),
        h('label'),
        h('plans'),
        h('actions'),
        h('progress'),
        h('done'),
        h('overdue'),
        h('onTrack'),
        h('offTrack'),
      ],
      ...lines.map((l) => [
        t.t(`${NS}:grouping.${l.grouping}`),
        l.key,
        this.lineLabel(l, t),
        l.plans,
        l.actions,
        l.progress === null ? null : Math.round(l.progress * 10) / 10,
        l.done,
        l.overdue,
        l.indicatorsOnTrack,
        l.indicatorsOffTrack,
      ]),
    ];
    return {
      filename: `action-plans-dashboard-${asOf}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: writeCsv(rows, { bom: true }),
    };
  }

  private lineLabel(l: DashboardLineRow, t: Translator): string {
    switch (l.grouping) {
      case 'TOTAL':
        return t.t(`${NS}:grouping.TOTAL`);
      case 'MEMBER_STATE':
        return memberStateLabel(l.key, t);
      case 'REGION':
        return l.key === null ? t.t(`${NS}:regional`) : t.t(`${NS}:region.${l.key}`);
      case 'DIMENSION':
        return l.key === null ? '' : t.t(tagLabelKey(l.key));
      default:
        return l.key ?? '';
    }
  }
}
