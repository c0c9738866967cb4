import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CountryService, OrganisationService, PersonSearchService } from '@enlace/directory';
import { Connection, toConnection } from '../graphql/models/connection.model';
import { PageArgs } from '../graphql/models/page.args';
import type { RequestContext } from '../graphql/request-context';
import { CountryConnection, CountryModel, toCountryModel } from './country.model';
import { DirectoryFilterArgs } from './directory-filter.args';
import { DirectorySearchModel } from './directory-search.model';
import { OrganisationConnection, OrganisationModel, toOrganisationModel } from './organisation.model';
import { PersonConnection, PersonModel, toPersonModel } from './person.model';

@Resolver(() => DirectorySearchModel)
export class DirectorySearchResolver {
  constructor(
    private readonly personSearch: PersonSearchService,
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
    const result = await this.personSearch.search(ctx.actor, { ...search.filters, ...page }, ctx.loaders);
    return toConnection(result, (p) => toPersonModel(p, ctx.translator));
  }

  @ResolveField(() => OrganisationConnection, { description: 'Organisations matching the text and type.' })
  async organisations(
    @Parent() search: DirectorySearchModel,
    @Args() page: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<OrganisationModel>> {
    const { text, organisationType: type, countryCode } = search.filters;
    const result = await this.organisationService.list(ctx.actor, { text, type, countryCode, ...page });
    return toConnection(result, (o) => toOrganisationModel(o, ctx.translator));
  }

  @ResolveField(() => CountryConnection, { description: 'Countries whose names match the text in any language.' })
  async countries(
    @Parent() search: DirectorySearchModel,
    @Args() page: PageArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<CountryModel>> {
    const result = await this.countryService.list(ctx.translator.lang, { text: search.filters.text, ...page });
    return toConnection(result, (c) => toCountryModel(c, ctx.translator));
  }
}
