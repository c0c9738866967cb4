import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, NetworkRole } from '@enlace/core';
import { CountryService, FocalPointService, NetworkService } from '@enlace/directory';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { MembershipModel, toMembershipModel } from './membership.model';
import { NetworkModel, toNetworkModel } from './network.model';
import { CountryModel, toCountryModel } from './country.model';
import { DesignateFocalPointInput } from './designate-focal-point.input';
import { FocalPointArgs } from './focal-point.args';
import { HandoverModel, toHandoverModel } from './handover.model';
import { MemberStateInput } from './member-state.input';
import { MemberStateConnection, MemberStateModel, toMemberStateModel } from './member-state.model';
import { MemberStatesArgs } from './member-states.args';
import { NetworkPageArgs } from './network-page.args';
import { SeatArgs } from './seat.args';

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => MemberStateModel)
export class MemberStatesResolver {
  constructor(
    private readonly focalPointService: FocalPointService,
    private readonly countryService: CountryService,
    private readonly networkService: NetworkService,
  ) {}

  @Query(() => MembershipModel, {
    nullable: true,
    description: 'Who is (or was, on `on`) the focal point or alternate of a member state in a network.',
  })
  async focalPoint(@Args() args: FocalPointArgs, @Context() ctx: RequestContext): Promise<MembershipModel | null> {
    const term = await this.focalPointService.holder(ctx.actor, args.networkId, args.memberState, args.role, args.on);
    return term ? toMembershipModel(term, ctx.translator) : null;
  }

  @Query(() => [MembershipModel], { description: 'Every term of a seat you may see, newest first: who was, and when.' })
  async focalPointHistory(@Args() args: SeatArgs, @Context() ctx: RequestContext): Promise<MembershipModel[]> {
    const terms = await this.focalPointService.history(ctx.actor, args.networkId, args.memberState, args.role ?? null);
    return terms.map((term) => toMembershipModel(term, ctx.translator));
  }

  @Query(() => MemberStateConnection, {
    description: 'Member states with no current focal point (the network’s secretariat, administrators).',
  })
  async vacancies(
    @Args() args: NetworkPageArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<MemberStateModel>> {
    const page = await this.focalPointService.vacancies(ctx.actor, args.networkId, args);
    return toConnection(page, (s) => toMemberStateModel(s, ctx.translator));
  }

  @Mutation(() => MemberStateModel, { description: 'Makes a country a member state of a network (from `joinedOn`).' })
  async addMemberState(
    @Args('input') input: MemberStateInput,
    @Context() ctx: RequestContext,
  ): Promise<MemberStateModel> {
    const state = await this.focalPointService.addMemberState(ctx.actor, input);
    ctx.loaders.clearAll();
    return toMemberStateModel(state, ctx.translator);
  }

  @Mutation(() => MemberStateModel, { description: 'Changes a member state’s dates; `leftOn` records its departure.' })
  async updateMemberState(
    @Args('input') input: MemberStateInput,
    @Context() ctx: RequestContext,
  ): Promise<MemberStateModel> {
    const state = await this.focalPointService.updateMemberState(ctx.actor, input);
    ctx.loaders.clearAll();
    return toMemberStateModel(state, ctx.translator);
  }

  @Mutation(() => HandoverModel, {
    description:
      'Designates the focal point (or alternate) of a member state. The predecessor’s term ends the day the new ' +
      'one starts, in the same transaction; both stay in the history.',
  })
  async designateFocalPoint(
    @Args('input') input: DesignateFocalPointInput,
    @Context() ctx: RequestContext,
  ): Promise<HandoverModel> {
    const handover = await this.focalPointService.designate(ctx.actor, input);
    ctx.loaders.clearAll();
    return toHandoverModel(handover, ctx.translator);
  }

  @ResolveField(() => CountryModel)
  async country(@Parent() s: MemberStateModel, @Context() ctx: RequestContext): Promise<CountryModel> {
    const country = await this.countryService.load(ctx.loaders, s.countryCode);
    if (!country) throw DomainError.notFound();
    return toCountryModel(country, ctx.translator);
  }

  @ResolveField(() => NetworkModel)
  async network(@Parent() s: MemberStateModel, @Context() ctx: RequestContext): Promise<NetworkModel> {
    const network = await this.networkService.load(ctx.actor, ctx.loaders, s.networkId);
    if (!network) throw DomainError.notFound();
    return toNetworkModel(network, ctx.translator);
  }

  private async current(s: MemberStateModel, ctx: RequestContext, role: NetworkRole): Promise<MembershipModel | null> {
    const day = today();
    const terms = await this.focalPointService.seatTerms(ctx.actor, ctx.loaders, s.networkId, s.countryCode, role);
    const term = terms.find((t) => t.startsOn <= day && (t.endsOn === null || t.endsOn > day));
    return term ? toMembershipModel(term, ctx.translator) : null;
  }

  @ResolveField('focalPoint', () => MembershipModel, {
    nullable: true,
    description: 'The current focal point you may see.',
  })
  currentFocalPoint(@Parent() s: MemberStateModel, @Context() ctx: RequestContext): Promise<MembershipModel | null> {
    return this.current(s, ctx, 'FOCAL_POINT');
  }

  @ResolveField(() => MembershipModel, { nullable: true, description: 'The current alternate you may see.' })
  alternate(@Parent() s: MemberStateModel, @Context() ctx: RequestContext): Promise<MembershipModel | null> {
    return this.current(s, ctx, 'ALTERNATE_FOCAL_POINT');
  }

  @ResolveField('focalPointHistory', () => [MembershipModel], {
    description: 'Focal-point terms you may see, newest first.',
  })
  async seatHistory(@Parent() s: MemberStateModel, @Context() ctx: RequestContext): Promise<MembershipModel[]> {
    const terms = await this.focalPointService.seatTerms(
      ctx.actor,
      ctx.loaders,
      s.networkId,
      s.countryCode,
      'FOCAL_POINT',
    );
    return terms.map((term) => toMembershipModel(term, ctx.translator));
  }
}

/** The directory's fields on a network. */
@Resolver(() => NetworkModel)
export class NetworkDirectoryResolver {
  constructor(private readonly focalPointService: FocalPointService) {}

  @ResolveField(() => MemberStateConnection, { description: 'Member states, by ISO code.' })
  async memberStates(
    @Parent() network: NetworkModel,
    @Args() args: MemberStatesArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<MemberStateModel>> {
    const page = await this.focalPointService.memberStates(ctx.actor, network.id, args);
    return toConnection(page, (s) => toMemberStateModel(s, ctx.translator));
  }
}
