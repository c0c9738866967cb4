import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  alignByKey,
  cursorKey,
  DomainError,
  isCountryCode,
  Language,
  Page,
  pageRequest,
  RequestLoaders,
  toPage,
} from '@enlace/core';
import { prefixTsQuery, searchTokens } from '../directory-rules';
import { Country, CountryRepository } from './country.repository';
import { Region, REGIONS } from './regions';

export interface ListCountriesCommand {
  readonly text?: string | null;
  readonly region?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** ISO 3166-1 countries with names in the four languages: public reference data. */
@Injectable()
export class CountryService {
  constructor(private readonly countries: CountryRepository) {}

  async list(lang: Language, command: ListCountriesCommand): Promise<Page<Country>> {
    const request = pageRequest(command);
    if (command.region && !REGIONS.includes(command.region as Region)) {
      throw DomainError.badInput([{ field: 'region', key: 'validation:invalidValue' }]);
    }
    const after = cursorKey(request.after, ['string', 'string'] as const);
    const tokens = command.text ? searchTokens(command.text) : [];
    if (command.text && command.text.trim() !== '' && tokens.length === 0) return toPage([], request, () => [], 0);
    const { rows, totalCount } = await this.countries.list({
      tsQuery: tokens.length > 0 ? prefixTsQuery(tokens) : null,
      region: (command.region ?? undefined) as Region | undefined,
      lang,
      first: request.first,
      after,
    });
    return toPage(rows, request, (c) => [c.names[lang], c.code], totalCount);
  }

  async get(code: string): Promise<Country> {
    const upper = typeof code === 'string' ? code.toUpperCase() : '';
    const [country] = isCountryCode(upper) ? await this.countries.findByCodes([upper]) : [];
    if (!country) throw DomainError.notFound();
    return country;
  }

  load(loaders: RequestLoaders, code: string): Promise<Country | null> {
    return this.loader(loaders).load(code);
  }

  /** A country another statement of this request already read (an organisation's): no statement of its own. */
  prime(loaders: RequestLoaders, country: Country): void {
    this.loader(loaders).prime(country.code, country);
  }

  private loader(loaders: RequestLoaders): DataLoader<string, Country | null> {
    return loaders.get(
      'directory.country',
      () =>
        new DataLoader<string, Country | null>(async (codes) =>
          alignByKey(codes, await this.countries.findByCodes(codes), (c) => c.code),
        ),
    );
  }
}
