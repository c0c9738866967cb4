import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  FieldError,
  I18nService,
  isUuid,
  Language,
  requirePerson,
  resolveText,
  throwIfAny,
  TranslatableText,
  writeCsv,
} from '@enlace/core';
import {
  AlumnusRaw,
  REPORT_DIMENSIONS,
  ReportDimension,
  ReportFilter,
  ReportGroupRaw,
  TrainingReportRepository,
} from './training-report.repository';

export interface ReportCommand {
  readonly networkId?: string | null;
  readonly curriculumId?: string | null;
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
}

export interface ReportGroup {
  /** The country code, network id, organisation id, year or curriculum version id; null: no organisation. */
  readonly key: string | null;
  readonly label: string;
  readonly officials: number;
  readonly trainings: number;
}

export interface AlumnusTraining {
  readonly trainingId: string;
  readonly title: string;
  readonly startsAt: Date;
  readonly year: number;
  readonly memberState: string;
  readonly status: string;
  readonly cycle: string;
  readonly curriculumId: string;
  readonly curriculumNumber: number;
}

export interface Alumnus {
  readonly personId: string;
  readonly name: string;
  readonly memberStates: string[];
  readonly organisation: string | null;
  readonly cycles: number;
  readonly trainings: AlumnusTraining[];
}

export interface UntrainedMemberState {
  readonly networkId: string;
  readonly network: string;
  readonly countryCode: string;
  readonly country: string;
}

export interface TrainingReport {
  readonly officials: number;
  readonly trainings: number;
  readonly byCountry: ReportGroup[];
  readonly byNetwork: ReportGroup[];
  readonly byOrganisation: ReportGroup[];
  readonly byYear: ReportGroup[];
  readonly byCycle: ReportGroup[];
  readonly trainedMoreThanOnce: Alumnus[];
  readonly untrainedMemberStates: UntrainedMemberState[];
}

export const REPORT_CSV_VIEWS = [...REPORT_DIMENSIONS, 'alumni', 'untrained'] as const;
export type ReportCsvView = (typeof REPORT_CSV_VIEWS)[number];

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/**
 * Alumni and reports (SPEC §4.2, issue 12 item 6): officials trained per country (the member state
 * they were nominated for), network, ministry (their organisation), year (the training's start, in
 * its own time zone) and curriculum cycle (a curriculum version); who was trained more than once;
 * which member states have no trained official yet. "Trained" is an ATTENDED or COMPLETED enrolment
 * (docs/decisions/0023). Everything counts only what the caller may read (TrainingReportRepository).
 */
@Injectable()
export class TrainingReportService {
  constructor(
    private readonly reports: TrainingReportRepository,
    private readonly i18n: I18nService,
  ) {}

  async report(actor: Actor, command: ReportCommand): Promise<TrainingReport> {
    requirePerson(actor);
    const filter = validate(command);
    const [groups, repeat, untrained] = await Promise.all([
      this.reports.groups(actor, filter),
      this.reports.alumni(actor, filter, 2),
      this.reports.untrainedStates(actor, filter),
    ]);
    const lang = actor.lang;
    const total = groups.find((g) => g.dimension === 'total');
    const of = (d: ReportDimension) => groups.filter((g) => g.dimension === d).map((g) => this.group(g, d, lang));
    return {
      officials: total?.officials ?? 0,
      trainings: total?.trainings ?? 0,
      byCountry: of('country'),
      byNetwork: of('network'),
      byOrganisation: of('organisation'),
      byYear: of('year').sort((a, b) => Number(a.key) - Number(b.key)),
      byCycle: of('cycle'),
      trainedMoreThanOnce: repeat.map((a) => this.alumnus(a, lang)),
      untrainedMemberStates: untrained.map((u) => ({
        networkId: u.network_id,
        network: resolveText(u.network_name, lang, u.network_language as Language)?.text ?? '',
        countryCode: u.country_code,
        country: u.country_names[lang] ?? u.country_names.en ?? u.country_code,
      })),
    };
  }

  /** One view of the report as CSV in the caller's language (headers and labels), for spreadsheets. */
  async csv(
    actor: Actor,
    view: string | undefined,
    command: ReportCommand,
  ): Promise<{ filename: string; contentType: string; body: string }> {
    requirePerson(actor);
    const chosen = (view ?? 'country') as ReportCsvView;
    if (!REPORT_CSV_VIEWS.includes(chosen)) {
      throw DomainError.badInput([{ field: 'view', key: 'validation:invalidValue' }]);
    }
    const filter = validate(command);
    const t = this.i18n.translator(actor.lang);
    const h = (key: string) => t.t(`training-reports:csv.${key}`);
    let rows: (string | number | null)[][];
    if (chosen === 'alumni') {
      const alumni = await this.reports.alumni(actor, filter, 1);
      rows = [
        [h('name'), h('memberState'), h('organisation'), h('trainings'), h('cycles'), h('trainingList')],
        ...alumni.map((raw) => {
          const a = this.alumnus(raw, actor.lang);
          return [
            a.name,
            a.memberStates.join(' '),
            a.organisation,
            a.trainings.length,
            a.cycles,
            a.trainings.map((x) => `${x.year} · ${x.title} · ${x.cycle}`).join('\n'),
          ];
        }),
      ];
    } else if (chosen === 'untrained') {
      const report = await this.reports.untrainedStates(actor, filter);
      rows = [
        [h('network'), h('countryCode'), h('country')],
        ...report.map((u) => [
          resolveText(u.network_name, actor.lang, u.network_language as Language)?.text ?? '',
          u.country_code,
          u.country_names[actor.lang] ?? u.country_names.en ?? u.country_code,
        ]),
      ];
    } else {
      const groups = (await this.reports.groups(actor, filter)).filter((g) => g.dimension === chosen);
      const mapped = groups.map((g) => this.group(g, chosen, actor.lang));
      if (chosen === 'year') mapped.sort((a, b) => Number(a.key) - Number(b.key));
      rows = [
        [h(chosen === 'country' ? 'countryCode' : 'key'), h(chosen), h('officials'), h('trainings')],
        ...mapped.map((g) => [g.key, g.label, g.officials, g.trainings]),
      ];
    }
    return {
      filename: `training-${chosen}-${new Date().toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: writeCsv(rows, { bom: true }),
    };
  }

  private group(g: ReportGroupRaw, d: ReportDimension, lang: Language): ReportGroup {
    const t = this.i18n.translator(lang);
    let label: string;
    switch (d) {
      case 'country':
        label = g.country_names?.[lang] ?? g.country_names?.en ?? g.key ?? '';
        break;
      case 'network':
        label =
          resolveText(g.network_name, lang, (g.network_language ?? undefined) as Language | undefined)?.text ?? '';
        break;
      case 'organisation':
        label =
          g.key === null
            ? t.t('training-reports:noOrganisation')
            : (resolveText(g.organisation_name, lang)?.text ?? g.organisation_acronym ?? '');
        break;
      case 'year':
        label = g.key ?? '';
        break;
      case 'cycle':
        label = cycleLabel(t, g.curriculum_title, g.curriculum_number ?? 0, lang);
        break;
    }
    return { key: g.key, label, officials: g.officials, trainings: g.trainings };
  }

  private alumnus(a: AlumnusRaw, lang: Language): Alumnus {
    const t = this.i18n.translator(lang);
    const trainings = a.trainings.map((x) => ({
      trainingId: x.trainingId,
      title: resolveText(x.title, lang, x.networkLanguage as Language)?.text ?? '',
      startsAt: new Date(x.startsAt),
      year: x.year,
      memberState: x.memberState,
      status: x.status,
      cycle: cycleLabel(t, x.curriculumTitle, x.curriculumNumber, lang),
      curriculumId: x.curriculumId,
      curriculumNumber: x.curriculumNumber,
    }));
    return {
      personId: a.person_id,
      name: a.name,
      memberStates: a.member_states.map((s) => s.trim()),
      organisation: resolveText(a.organisation_name, lang)?.text ?? null,
      cycles: new Set(trainings.map((x) => `${x.curriculumId}:${x.curriculumNumber}`)).size,
      trainings,
    };
  }
}

function cycleLabel(
  t: { t(key: string, params?: Record<string, unknown>): string },
  title: TranslatableText | null,
  number: number,
  lang: Language,
): string {
  return t.t('training-reports:cycle', { title: resolveText(title, lang)?.text ?? '', number });
}

function validate(command: ReportCommand): ReportFilter {
  const errors: FieldError[] = [];
  const id = (value: string | null | undefined, field: string): string | null => {
    if (value === undefined || value === null || value === '') return null;
    if (!isUuid(value)) errors.push({ field, key: 'training-reports:unknownId' });
    return value;
  };
  const year = (value: number | null | undefined, field: string): number | null => {
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
      errors.push({ field, key: 'training-reports:invalidYear', params: { min: MIN_YEAR, max: MAX_YEAR } });
    }
    return value;
  };
  const filter = {
    networkId: id(command.networkId, 'networkId'),
    curriculumId: id(command.curriculumId, 'curriculumId'),
    fromYear: year(command.fromYear, 'fromYear'),
    toYear: year(command.toYear, 'toYear'),
  };
  if (filter.fromYear !== null && filter.toYear !== null && filter.fromYear > filter.toYear) {
    errors.push({ field: 'toYear', key: 'training-reports:yearsReversed' });
  }
  throwIfAny(errors);
  return filter;
}
