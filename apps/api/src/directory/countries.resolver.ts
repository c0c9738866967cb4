import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { CountryService } from '@enlace/directory';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { CountriesArgs } from './countries.args';
import { CountryConnection, CountryModel, toCountryModel } from './country.model';

@Resolver(() => CountryModel)
export class CountriesResolver {
  constructor(private readonly countryService: CountryService) {}

  @Query(() => CountryConnection, { description: 'ISO 3166-1 countries, ordered by their name in your language.' })
  async countries(@Args() args: CountriesArgs, @Context() ctx: RequestContext): Promise<Connection<CountryModel>> {
    const page = await this.countryService.list(ctx.translator.lang, args);
    return toConnection(page, (c) => toCountryModel(c, ctx.translator));
  }

  @Query(() => CountryModel, { description: 'One country by ISO 3166-1 alpha-2 code.' })
  async country(@Args('code') code: string, @Context() ctx: RequestContext): Promise<CountryModel> {
    return toCountryModel(await this.countryService.get(code), ctx.translator);
  }
}
