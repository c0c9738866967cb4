import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CountryService, OrganisationService, RelationshipService } from '@enlace/directory';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { CountryModel, toCountryModel } from './country.model';
import { CreateOrganisationInput } from './create-organisation.input';
import { OrganisationConnection, OrganisationModel, toOrganisationModel } from './organisation.model';
import { OrganisationsArgs } from './organisations.args';
import { RelationshipModel, toRelationshipModel } from './relationship.model';
import { UpdateOrganisationInput } from './update-organisation.input';

@Resolver(() => OrganisationModel)
export class OrganisationsResolver {
  constructor(
    private readonly organisationService: OrganisationService,
    private readonly countryService: CountryService,
    private readonly relationshipService: RelationshipService,
  ) {}

  @Query(() => OrganisationConnection, { description: 'Organisations (members of a network and administrators).' })
  async organisations(
    @Args() args: OrganisationsArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<OrganisationModel>> {
    const page = await this.organisationService.list(ctx.actor, args);
    return toConnection(page, (o) => toOrganisationModel(o, ctx.translator));
  }

  @Query(() => OrganisationModel, {
    description: 'One organisation. NOT_FOUND when it does not exist or you may not see it.',
  })
  async organisation(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<OrganisationModel> {
    return toOrganisationModel(await this.organisationService.get(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => OrganisationModel, { description: 'Adds an organisation (secretariats, administrators).' })
  async createOrganisation(
    @Args('input') input: CreateOrganisationInput,
    @Context() ctx: RequestContext,
  ): Promise<OrganisationModel> {
    const created = await this.organisationService.create(ctx.actor, input);
    ctx.loaders.clearAll();
    return toOrganisationModel(created, ctx.translator);
  }

  @Mutation(() => OrganisationModel, {
    description: 'Edits an organisation. CONFLICT when `expectedVersion` is stale.',
  })
  async updateOrganisation(
    @Args('input') input: UpdateOrganisationInput,
    @Context() ctx: RequestContext,
  ): Promise<OrganisationModel> {
    const updated = await this.organisationService.update(ctx.actor, input);
    ctx.loaders.clearAll();
    return toOrganisationModel(updated, ctx.translator);
  }

  @ResolveField(() => CountryModel, { nullable: true })
  async country(@Parent() o: OrganisationModel, @Context() ctx: RequestContext): Promise<CountryModel | null> {
    if (!o.countryCode) return null;
    const country = await this.countryService.load(ctx.loaders, o.countryCode);
    return country ? toCountryModel(country, ctx.translator) : null;
  }

  @ResolveField(() => OrganisationModel, { nullable: true, description: 'The organisation this one belongs to.' })
  async parent(@Parent() o: OrganisationModel, @Context() ctx: RequestContext): Promise<OrganisationModel | null> {
    if (!o.parentId) return null;
    const parent = await this.organisationService.load(ctx.actor, ctx.loaders, o.parentId);
    return parent ? toOrganisationModel(parent, ctx.translator) : null;
  }

  @ResolveField(() => [RelationshipModel], { description: 'Relationships you may see.' })
  async relationships(@Parent() o: OrganisationModel, @Context() ctx: RequestContext): Promise<RelationshipModel[]> {
    return (await this.relationshipService.of(ctx.actor, ctx.loaders, o.id)).map((r) =>
      toRelationshipModel(r, ctx.translator),
    );
  }
}
