import { Args, Context, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CountryService, OrganisationService, PersonService } from '@enlace/directory';
import { Connection, PageArgs, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { DirectoryFilterArgs } from './directory.args';
import {
  CountryConnection,
  CountryModel,
  OrganisationConnection,
  OrganisationModel,
  PersonConnection,
  PersonModel,
  toCountryModel,
  toOrganisationModel,
  toPersonModel,
} from './directory.models';

@ObjectType('DirectorySearch', {
  description: 'One search across people, organisations and countries; each list pages on its own.',
})
export class DirectorySearchModel {
  filters!: DirectoryFilterArgs;
}

@Resolver(() => DirectorySearchModel)
export class DirectorySearchResolver {
  constructor(
    private readonly personService: PersonService,
    private readonly organisationService: OrganisationService,
    private readonly countryService: CountryService,
  ) {}

  @Query(() => DirectorySearchModel, {
    description:
      'Searches the directory: accent- and case-insensitive, country names in en, es, pt and fr ("peru", "Perú", ' +
      '"Pérou"), with filters. Only what you may see is found or counted.',
  })
  searchDirectory(@Args() filters: DirectoryFilterArgs): DirectorySearchModel {
    return { filters };
  }

  @ResolveField(() => PersonConnection)
  async people(
    @Parent() search: DirectorySearchModel,
    @Args() page: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<PersonModel>> {
    const result = await this.personService.search(ctx.actor, { ...search.filters, ...page });
    const erased = ctx.translator.t('directory:erasedName');
    return toConnection(result, (p) => toPersonModel(p, erased));
  }

  @ResolveField(() => OrganisationConnection, { description: 'Organisations matching the text and type.' })
  async organisations(
    @Parent() search: DirectorySearchModel,
    @Args() page: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<OrganisationModel>> {
    const { text, organisationType: type, countryCode } = search.filters;
    const result = await this.organisationService.list(ctx.actor, { text, type, countryCode, ...page });
    return toConnection(result, (o) => toOrganisationModel(o, ctx.translator.lang));
  }

  @ResolveField(() => CountryConnection, { description: 'Countries whose names match the text in any language.' })
  async countries(
    @Parent() search: DirectorySearchModel,
    @Args() page: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<CountryModel>> {
    const result = await this.countryService.list(ctx.translator.lang, { text: search.filters.text, ...page });
    return toConnection(result, (c) => toCountryModel(c, ctx.translator.lang));
  }
}
