import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { TrainingReportService } from '@enlace/training';
import type { RequestContext } from '../graphql/request-context';
import { TrainingReportArgs } from './training-report.args';
import { TrainingReportModel, toTrainingReportModel } from './training-report.model';

@Resolver(() => TrainingReportModel)
export class TrainingReportResolver {
  constructor(private readonly reports: TrainingReportService) {}

  @Query(() => TrainingReportModel, {
    description:
      'Alumni report: officials trained per country, network, organisation, year and cycle (CSV: GET /training/report.csv).',
  })
  async trainingReport(@Args() args: TrainingReportArgs, @Context() ctx: RequestContext) {
    return toTrainingReportModel(await this.reports.report(ctx.actor, args));
  }
}
