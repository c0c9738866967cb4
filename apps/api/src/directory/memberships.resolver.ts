import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, Visibility } from '@enlace/core';
import { MembershipService, NetworkService } from '@enlace/directory';
import type { RequestContext } from '../graphql/request-context';
import { AddMembershipInput } from './add-membership.input';
import { EndMembershipInput } from './end-membership.input';
import { MembershipModel, toMembershipModel } from './membership.model';
import { NetworkModel, toNetworkModel } from './network.model';
import { PersonSummaryModel, toPersonSummary } from './person-summary.model';
import { SetMembershipsVisibilityInput } from './set-memberships-visibility.input';
import { VisibilityEnum } from '../graphql/models/enums';

@ObjectType('MembershipsVisibilityChange')
export class MembershipsVisibilityChangeModel {
  @Field(() => Int, {
    description: 'How many memberships changed (those that had the visibility already are left alone).',
  })
  changed!: number;
}

@Resolver(() => MembershipModel)
export class MembershipsResolver {
  constructor(
    private readonly membershipService: MembershipService,
    private readonly networkService: NetworkService,
  ) {}

  @Mutation(() => MembershipModel, {
    description: 'Gives a person a role in a network (its secretariat, administrators).',
  })
  async addMembership(
    @Args('input') input: AddMembershipInput,
    @Context() ctx: RequestContext,
  ): Promise<MembershipModel> {
    const membership = await this.membershipService.add(ctx.actor, input);
    ctx.loaders.clearAll();
    return toMembershipModel(membership, ctx.translator);
  }

  @Mutation(() => MembershipModel, { description: 'Ends a term; the history stays (its secretariat, administrators).' })
  async endMembership(
    @Args('input') input: EndMembershipInput,
    @Context() ctx: RequestContext,
  ): Promise<MembershipModel> {
    const membership = await this.membershipService.end(ctx.actor, input);
    ctx.loaders.clearAll();
    return toMembershipModel(membership, ctx.translator);
  }

  @Mutation(() => MembershipModel, {
    description:
      'Sets who may see a membership, and through it its person (PARTNERS: the partner networks see the ' +
      'focal point). Its secretariat, administrators; audited. Never wider than the network itself is visible.',
  })
  async setMembershipVisibility(
    @Args('id', { type: () => ID }) id: string,
    @Args('visibility', { type: () => VisibilityEnum }) visibility: Visibility,
    @Context() ctx: RequestContext,
  ): Promise<MembershipModel> {
    const membership = await this.membershipService.setVisibility(ctx.actor, id, visibility);
    ctx.loaders.clearAll();
    return toMembershipModel(membership, ctx.translator);
  }

  @Mutation(() => MembershipsVisibilityChangeModel, {
    description:
      'Sets the visibility of every membership of a network that matches the filters (role, member state, ' +
      'current terms), each change audited. Its secretariat, administrators.',
  })
  async setMembershipsVisibility(
    @Args('input') input: SetMembershipsVisibilityInput,
    @Context() ctx: RequestContext,
  ): Promise<MembershipsVisibilityChangeModel> {
    const changed = await this.membershipService.setVisibilityOf(ctx.actor, input);
    ctx.loaders.clearAll();
    return { changed };
  }

  @ResolveField(() => PersonSummaryModel)
  async person(@Parent() membership: MembershipModel, @Context() ctx: RequestContext): Promise<PersonSummaryModel> {
    const person = await this.membershipService.personSummary(ctx.actor, ctx.loaders, membership.personId);
    if (!person) throw DomainError.notFound();
    return toPersonSummary(person, ctx.translator);
  }

  @ResolveField(() => NetworkModel)
  async network(@Parent() membership: MembershipModel, @Context() ctx: RequestContext): Promise<NetworkModel> {
    const network = await this.networkService.load(ctx.actor, ctx.loaders, membership.networkId);
    if (!network) throw DomainError.notFound();
    return toNetworkModel(network, ctx.translator);
  }
}
