import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditLogService, MembershipService } from '@enlace/directory';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { AuditEntryConnection, AuditEntryModel, toAuditEntryModel } from './audit-entry.model';
import { AuditLogArgs } from './audit-log.args';
import { PersonSummaryModel, toPersonSummary } from './person-summary.model';

@Resolver(() => AuditEntryModel)
export class AuditLogResolver {
  constructor(
    private readonly auditLogService: AuditLogService,
    private readonly membershipService: MembershipService,
  ) {}

  @Query(() => AuditEntryConnection, {
    description:
      'Changes, newest first: a network’s log (its secretariat, administrators), or every network’s (administrators).',
  })
  async auditLog(@Args() args: AuditLogArgs, @Context() ctx: RequestContext): Promise<Connection<AuditEntryModel>> {
    return toConnection(await this.auditLogService.list(ctx.actor, args), (e) => toAuditEntryModel(e, ctx.translator));
  }

  @ResolveField(() => PersonSummaryModel, { nullable: true, description: 'Who made the change.' })
  async actor(@Parent() entry: AuditEntryModel, @Context() ctx: RequestContext): Promise<PersonSummaryModel | null> {
    const person = entry.actorPersonId
      ? await this.membershipService.personSummary(ctx.actor, ctx.loaders, entry.actorPersonId)
      : null;
    return person ? toPersonSummary(person, ctx.translator) : null;
  }
}
