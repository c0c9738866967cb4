import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TimeSlicer, type Translator } from '@enlace/core';
import type { ImportReport, RowOutcome } from '@enlace/directory';
import { RowOutcomeEnum } from './directory.enums';

@ObjectType('ImportFieldError')
export class ImportFieldErrorModel {
  @Field({ description: 'The column (canonical name, e.g. "email").' })
  field!: string;

  @Field({ description: 'The column as headed in your language.' })
  column!: string;

  @Field()
  message!: string;
}

@ObjectType('ImportFileError')
export class ImportFileErrorModel {
  @Field(() => Int)
  line!: number;

  @Field()
  message!: string;
}

@ObjectType('ImportRowReport')
export class ImportRowReportModel {
  @Field(() => Int, { description: 'Line of the file (the header is line 1).' })
  line!: number;

  @Field(() => RowOutcomeEnum)
  outcome!: RowOutcome;

  @Field(() => String, { nullable: true })
  personId!: string | null;

  @Field(() => [ImportFieldErrorModel])
  errors!: ImportFieldErrorModel[];
}

@ObjectType('ImportSummary')
export class ImportSummaryModel {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;
}

@ObjectType('ImportReport', {
  description:
    'What an import did (or would do, in a dry run), row by row. All or nothing: any error, nothing written.',
})
export class ImportReportModel {
  @Field()
  dryRun!: boolean;

  @Field()
  applied!: boolean;

  @Field(() => String, { nullable: true, description: 'Why nothing was written, when it was refused.' })
  message!: string | null;

  @Field(() => ImportSummaryModel)
  summary!: ImportSummaryModel;

  @Field(() => [ImportFileErrorModel])
  errors!: ImportFileErrorModel[];

  @Field(() => [ImportRowReportModel])
  rows!: ImportRowReportModel[];
}

/**
 * The report with every reason translated for the caller (also the JSON of POST /directory/imports),
 * row by row in slices (`TimeSlicer`): 20,000 rejected rows never hold other requests while translated.
 */
/** A file error's parameters for the reader: a missing column is named as their language heads it. */
function fileErrorParams(error: ImportReport['errors'][number], t: Translator) {
  if (error.key !== 'directory:import.missingColumn' || typeof error.params?.column !== 'string') return error.params;
  return { ...error.params, column: t.t(`directory:csv.${error.params.column}`) };
}

export async function toImportReportModel(
  report: ImportReport,
  t: Translator,
  slicer: TimeSlicer = new TimeSlicer(),
): Promise<ImportReportModel> {
  const rejected = report.summary.rejected + report.errors.length;
  return {
    dryRun: report.dryRun,
    applied: report.applied,
    message:
      rejected > 0 ? t.t('directory:import.refused', { count: report.summary.rejected || report.errors.length }) : null,
    summary: report.summary,
    errors: report.errors.map((e) => ({ line: e.line, message: t.t(e.key, fileErrorParams(e, t)) })),
    rows: await slicer.map(report.rows, (r) => ({
      line: r.line,
      outcome: r.outcome,
      personId: r.personId,
      errors: r.errors.map((e) => ({
        field: e.field,
        column: t.t(`directory:csv.${e.field}`, { defaultValue: e.field }),
        message: t.t(e.key, e.params),
      })),
    })),
  };
}
