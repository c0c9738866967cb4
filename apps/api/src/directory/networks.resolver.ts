import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MembershipService, NetworkService } from '@enlace/directory';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { CreateNetworkInput } from './create-network.input';
import { MembershipConnection, MembershipModel, toMembershipModel } from './membership.model';
import { NetworkConnection, NetworkModel, toNetworkModel } from './network.model';
import { NetworkPartnerInput } from './network-partner.input';
import { MembershipsArgs } from './memberships.args';
import { NetworkArgs } from './network.args';
import { NetworksArgs } from './networks.args';
import { UpdateNetworkInput } from './update-network.input';

@Resolver(() => NetworkModel)
export class NetworksResolver {
  constructor(
    private readonly networkService: NetworkService,
    private readonly membershipService: MembershipService,
  ) {}

  @Query(() => NetworkConnection, { description: 'Networks you may see, ordered by slug.' })
  async networks(@Args() args: NetworksArgs, @Context() ctx: RequestContext): Promise<Connection<NetworkModel>> {
    const page = await this.networkService.list(ctx.actor, args);
    return toConnection(page, (n) => toNetworkModel(n, ctx.translator));
  }

  @Query(() => NetworkModel, {
    nullable: true,
    description: 'One network by id or by slug. NOT_FOUND when it does not exist or you may not see it.',
  })
  async network(@Args() args: NetworkArgs, @Context() ctx: RequestContext): Promise<NetworkModel> {
    return toNetworkModel(await this.networkService.get(ctx.actor, args), ctx.translator);
  }

  @Mutation(() => NetworkModel, { description: 'Creates a network (platform administrators).' })
  async createNetwork(@Args('input') input: CreateNetworkInput, @Context() ctx: RequestContext): Promise<NetworkModel> {
    const network = await this.networkService.create(ctx.actor, input);
    ctx.loaders.clearAll();
    return toNetworkModel(network, ctx.translator);
  }

  @Mutation(() => NetworkModel, {
    description: 'Edits a network (its secretariat, administrators). CONFLICT when `expectedVersion` is stale.',
  })
  async updateNetwork(@Args('input') input: UpdateNetworkInput, @Context() ctx: RequestContext): Promise<NetworkModel> {
    const network = await this.networkService.update(ctx.actor, input);
    ctx.loaders.clearAll();
    return toNetworkModel(network, ctx.translator);
  }

  @Mutation(() => NetworkModel, {
    description: 'Makes two networks partners (needs the right to manage both). Returns `networkId`’s network.',
  })
  async addNetworkPartner(
    @Args('input') input: NetworkPartnerInput,
    @Context() ctx: RequestContext,
  ): Promise<NetworkModel> {
    const network = await this.networkService.addPartner(ctx.actor, input.networkId, input.partnerId);
    ctx.loaders.clearAll();
    return toNetworkModel(network, ctx.translator);
  }

  @Mutation(() => NetworkModel, {
    description: 'Ends a partnership (either side may). Returns `networkId`’s network.',
  })
  async removeNetworkPartner(
    @Args('input') input: NetworkPartnerInput,
    @Context() ctx: RequestContext,
  ): Promise<NetworkModel> {
    const network = await this.networkService.removePartner(ctx.actor, input.networkId, input.partnerId);
    ctx.loaders.clearAll();
    return toNetworkModel(network, ctx.translator);
  }

  @ResolveField(() => [NetworkModel], { description: 'Partner networks you may see.' })
  async partners(@Parent() network: NetworkModel, @Context() ctx: RequestContext): Promise<NetworkModel[]> {
    const partners = await this.networkService.partners(ctx.actor, ctx.loaders, network.id);
    return partners.map((p) => toNetworkModel(p, ctx.translator));
  }

  @ResolveField(() => MembershipConnection, { description: 'Memberships you may see, ordered by person name.' })
  async memberships(
    @Parent() network: NetworkModel,
    @Args() args: MembershipsArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<MembershipModel>> {
    const page = await this.membershipService.list(ctx.actor, network.id, args);
    return toConnection(page, (row) => toMembershipModel(row.membership, ctx.translator));
  }
}
