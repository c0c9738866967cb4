import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CountryService,
  OrganisationService,
  PersonSearchService,
  PersonService,
  RelationshipService,
} from '@enlace/directory';
import { AccountService } from '@enlace/identity';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { MembershipModel, toMembershipModel } from './membership.model';
import { ContactDetailModel, toContactDetailModel } from './contact-detail.model';
import { CountryModel, toCountryModel } from './country.model';
import { CreatePersonInput } from './create-person.input';
import { CreatePersonPayloadModel, toCreatePersonPayloadModel } from './create-person-payload.model';
import { OrganisationModel, toOrganisationModel } from './organisation.model';
import { PeopleArgs } from './people.args';
import { PersonConnection, PersonModel, toPersonModel } from './person.model';
import { RelationshipModel, toRelationshipModel } from './relationship.model';
import { UpdatePersonInput } from './update-person.input';
import { FocalPointService } from '@enlace/directory';

@Resolver(() => PersonModel)
export class PeopleResolver {
  constructor(
    private readonly personService: PersonService,
    private readonly personSearch: PersonSearchService,
    private readonly organisationService: OrganisationService,
    private readonly countryService: CountryService,
    private readonly focalPointService: FocalPointService,
    private readonly relationshipService: RelationshipService,
    private readonly accountService: AccountService,
  ) {}

  @Query(() => PersonConnection, {
    description:
      'People you may see, ordered by name: accent- and case-insensitive search over names, organisations and ' +
      'countries (in en, es, pt and fr), with filters.',
  })
  async people(@Args() args: PeopleArgs, @Context() ctx: RequestContext): Promise<Connection<PersonModel>> {
    const page = await this.personSearch.search(ctx.actor, args, ctx.loaders);
    return toConnection(page, (p) => toPersonModel(p, ctx.translator));
  }

  @Query(() => PersonModel, { description: 'One person. NOT_FOUND when they do not exist or you may not see them.' })
  async person(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<PersonModel> {
    return toPersonModel(await this.personService.get(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => CreatePersonPayloadModel, {
    description: 'Adds a person to a network’s directory with a role; a focal point’s predecessor hands over.',
  })
  async createPerson(
    @Args('input') input: CreatePersonInput,
    @Context() ctx: RequestContext,
  ): Promise<CreatePersonPayloadModel> {
    const created = await this.personService.create(ctx.actor, input);
    ctx.loaders.clearAll();
    return toCreatePersonPayloadModel(created, ctx.translator);
  }

  @Mutation(() => PersonModel, { description: 'Edits a person. CONFLICT when `expectedVersion` is stale.' })
  async updatePerson(@Args('input') input: UpdatePersonInput, @Context() ctx: RequestContext): Promise<PersonModel> {
    const person = await this.personService.update(ctx.actor, input);
    ctx.loaders.clearAll();
    return toPersonModel(person, ctx.translator);
  }

  @Mutation(() => PersonModel, {
    description:
      'Erases a person (administrators): contact details and account removed, name replaced; the history of ' +
      'memberships and actions stays.',
  })
  async erasePerson(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<PersonModel> {
    const person = await this.accountService.erasePerson(ctx.actor, id);
    ctx.loaders.clearAll();
    return toPersonModel(person, ctx.translator);
  }

  // The two fields of every row of a directory page take graphql-js' (parent, args, context) as they
  // come: with no parameter decorators Nest calls them directly, not through its per-call pipeline
  // (pipes, whose global ValidationPipe leaves a parent and a context as they are anyway): 40 calls
  // per page of 20 (docs/decisions/0029).
  @ResolveField(() => OrganisationModel, { nullable: true })
  async organisation(p: PersonModel, _args: unknown, ctx: RequestContext): Promise<OrganisationModel | null> {
    if (!p.organisationId) return null;
    const o = await this.organisationService.load(ctx.actor, ctx.loaders, p.organisationId);
    return o ? toOrganisationModel(o, ctx.translator) : null;
  }

  @ResolveField(() => CountryModel, { nullable: true })
  async country(p: PersonModel, _args: unknown, ctx: RequestContext): Promise<CountryModel | null> {
    if (!p.countryCode) return null;
    const c = await this.countryService.load(ctx.loaders, p.countryCode);
    return c ? toCountryModel(c, ctx.translator) : null;
  }

  @ResolveField(() => [ContactDetailModel], { description: 'The contact details you may read.' })
  async contactDetails(@Parent() p: PersonModel, @Context() ctx: RequestContext): Promise<ContactDetailModel[]> {
    return (await this.personService.contacts(ctx.actor, ctx.loaders, p.id)).map((c) =>
      toContactDetailModel(c, ctx.translator),
    );
  }

  @ResolveField(() => [MembershipModel], { description: 'Memberships you may see, every term, newest first.' })
  async memberships(@Parent() p: PersonModel, @Context() ctx: RequestContext): Promise<MembershipModel[]> {
    return (await this.focalPointService.termsOfPerson(ctx.actor, ctx.loaders, p.id)).map((term) =>
      toMembershipModel(term, ctx.translator),
    );
  }

  @ResolveField(() => [RelationshipModel], { description: 'Relationships you may see.' })
  async relationships(@Parent() p: PersonModel, @Context() ctx: RequestContext): Promise<RelationshipModel[]> {
    return (await this.relationshipService.of(ctx.actor, ctx.loaders, p.id)).map((r) =>
      toRelationshipModel(r, ctx.translator),
    );
  }
}
