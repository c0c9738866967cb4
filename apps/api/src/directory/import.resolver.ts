import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { ImportService } from '@enlace/directory';
import type { RequestContext } from '../graphql/request-context';
import { ImportDirectoryInput } from './import-directory.input';
import { ImportReportModel, toImportReportModel } from './import-report.model';

@Resolver()
export class ImportResolver {
  constructor(private readonly importService: ImportService) {}

  @Mutation(() => ImportReportModel, {
    description:
      'Imports people from CSV text into a network’s directory (its secretariat). Dry run by default. Files larger ' +
      'than the GraphQL body limit go to POST /directory/imports.',
  })
  async importDirectory(
    @Args('input') input: ImportDirectoryInput,
    @Context() ctx: RequestContext,
  ): Promise<ImportReportModel> {
    const report = await this.importService.run(ctx.actor, {
      networkId: input.networkId,
      content: input.csv,
      dryRun: input.dryRun ?? true,
    });
    ctx.loaders.clearAll();
    return toImportReportModel(report, ctx.translator);
  }
}
