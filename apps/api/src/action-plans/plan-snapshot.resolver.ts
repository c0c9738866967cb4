import { Args, Context, Field, ID, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SnapshotRow, SnapshotService } from '@enlace/action-plans';
import type { Translator, Visibility } from '@enlace/core';
import type { RequestContext } from '../graphql/request-context';
import { VisibilityEnum } from '../graphql/models/enums';
import { AgendaItemModel } from '../meetings/agenda.model';
import { DashboardModel, toDashboardModel } from './action-plan.model';
import { AttachPlanDashboardInput } from './attach-plan-dashboard.input';

@ObjectType('PlanDashboardSnapshot', {
  description:
    'The network dashboard frozen on an agenda item when attached, counting only the plans the meeting’s whole audience may read.',
})
export class PlanDashboardSnapshotModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  agendaItemId!: string;

  @Field(() => VisibilityEnum, { description: 'The meeting’s visibility it was computed for.' })
  audience!: Visibility;

  @Field(() => String, { nullable: true })
  attachedByName!: string | null;

  @Field()
  attachedAt!: Date;

  @Field(() => DashboardModel)
  dashboard!: DashboardModel;
}

const toSnapshotModel = (s: SnapshotRow, t: Translator): PlanDashboardSnapshotModel => ({
  id: s.id,
  agendaItemId: s.agendaItemId,
  audience: s.audience,
  attachedByName: s.attachedByName,
  attachedAt: s.attachedAt,
  dashboard: toDashboardModel({ asOf: s.asOf, lines: s.lines }, t),
});

/** Dashboards on agenda items: action plans compute them, meetings own the items (decision 0024). */
@Resolver(() => AgendaItemModel)
export class PlanSnapshotResolver {
  constructor(private readonly snapshots: SnapshotService) {}

  @Mutation(() => PlanDashboardSnapshotModel, {
    description: '"Status of national action plans as of the meeting date", frozen on an agenda item.',
  })
  async attachPlanDashboard(@Args('input') input: AttachPlanDashboardInput, @Context() ctx: RequestContext) {
    return toSnapshotModel(await this.snapshots.attach(ctx.actor, input), ctx.translator);
  }

  @ResolveField(() => [PlanDashboardSnapshotModel], { description: 'Action-plan dashboards attached to this item.' })
  async planDashboards(@Parent() item: AgendaItemModel, @Context() ctx: RequestContext) {
    return (await this.snapshots.forAgendaItem(ctx.actor, ctx.loaders, item.id)).map((s) =>
      toSnapshotModel(s, ctx.translator),
    );
  }
}
