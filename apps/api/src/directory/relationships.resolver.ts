import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganisationService, PersonService, RelationshipService } from '@enlace/directory';
import type { RequestContext } from '../graphql/request-context';
import { CreateRelationshipInput } from './create-relationship.input';
import { OrganisationModel, toOrganisationModel } from './organisation.model';
import { PersonModel, toPersonModel } from './person.model';
import { Connection, toConnection } from '../graphql/models/connection.model';
import { RelationshipConnection, RelationshipModel, toRelationshipModel } from './relationship.model';
import { RelationshipsArgs } from './relationships.args';
import { UpdateRelationshipInput } from './update-relationship.input';

@Resolver(() => RelationshipModel)
export class RelationshipsResolver {
  constructor(
    private readonly relationshipService: RelationshipService,
    private readonly personService: PersonService,
    private readonly organisationService: OrganisationService,
  ) {}

  @Query(() => RelationshipConnection, {
    description:
      'A network’s relationships you may see, newest first: the actor and relationship map. Each filter narrows; ' +
      'a relationship to a person you may not see is left out. Export: GET /directory/relationships/export.',
  })
  async relationships(
    @Args() args: RelationshipsArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<RelationshipModel>> {
    const page = await this.relationshipService.list(ctx.actor, args);
    return toConnection(page, (r) => toRelationshipModel(r, ctx.translator));
  }

  @Mutation(() => RelationshipModel, {
    description: 'Changes a relationship’s note and source (secretariats, administrators).',
  })
  async updateRelationship(
    @Args('input') input: UpdateRelationshipInput,
    @Context() ctx: RequestContext,
  ): Promise<RelationshipModel> {
    const updated = await this.relationshipService.update(ctx.actor, input);
    ctx.loaders.clearAll();
    return toRelationshipModel(updated, ctx.translator);
  }

  @Mutation(() => RelationshipModel, {
    description: 'Records a typed, dated relationship (secretariats, administrators).',
  })
  async createRelationship(
    @Args('input') input: CreateRelationshipInput,
    @Context() ctx: RequestContext,
  ): Promise<RelationshipModel> {
    const created = await this.relationshipService.create(ctx.actor, input);
    ctx.loaders.clearAll();
    return toRelationshipModel(created, ctx.translator);
  }

  @Mutation(() => RelationshipModel, { description: 'Ends a relationship on `endsOn` (today when left out).' })
  async endRelationship(
    @Args('id', { type: () => ID }) id: string,
    @Args('endsOn', { type: () => String, nullable: true }) endsOn: string | null,
    @Context() ctx: RequestContext,
  ): Promise<RelationshipModel> {
    const ended = await this.relationshipService.end(ctx.actor, id, endsOn);
    ctx.loaders.clearAll();
    return toRelationshipModel(ended, ctx.translator);
  }

  private async person(id: string | null, ctx: RequestContext): Promise<PersonModel | null> {
    if (!id) return null;
    const p = await this.personService.load(ctx.actor, ctx.loaders, id);
    return p ? toPersonModel(p, ctx.translator) : null;
  }

  private async organisation(id: string | null, ctx: RequestContext): Promise<OrganisationModel | null> {
    if (!id) return null;
    const o = await this.organisationService.load(ctx.actor, ctx.loaders, id);
    return o ? toOrganisationModel(o, ctx.translator) : null;
  }

  @ResolveField(() => PersonModel, {
    nullable: true,
    description: 'Null when it is an organisation or hidden from you.',
  })
  fromPerson(@Parent() r: RelationshipModel, @Context() ctx: RequestContext): Promise<PersonModel | null> {
    return this.person(r.fromPersonId, ctx);
  }

  @ResolveField(() => OrganisationModel, { nullable: true })
  fromOrganisation(@Parent() r: RelationshipModel, @Context() ctx: RequestContext): Promise<OrganisationModel | null> {
    return this.organisation(r.fromOrganisationId, ctx);
  }

  @ResolveField(() => PersonModel, { nullable: true })
  toPerson(@Parent() r: RelationshipModel, @Context() ctx: RequestContext): Promise<PersonModel | null> {
    return this.person(r.toPersonId, ctx);
  }

  @ResolveField(() => OrganisationModel, { nullable: true })
  toOrganisation(@Parent() r: RelationshipModel, @Context() ctx: RequestContext): Promise<OrganisationModel | null> {
    return this.organisation(r.toOrganisationId, ctx);
  }
}
