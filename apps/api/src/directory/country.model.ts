import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Language, Translator } from '@enlace/core';
import type { Country, Region } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum } from '../graphql/models/enums';
import { RegionEnum } from './directory.enums';

@ObjectType('CountryName')
export class CountryNameModel {
  @Field(() => LanguageEnum)
  language!: Language;

  @Field()
  name!: string;
}

@ObjectType('Country', { description: 'An ISO 3166-1 country, its names in the four languages and its region.' })
export class CountryModel {
  @Field(() => ID, { description: 'ISO 3166-1 alpha-2 code.' })
  code!: string;

  @Field()
  alpha3!: string;

  @Field({ description: 'The name in the request language.' })
  name!: string;

  @Field(() => [CountryNameModel])
  names!: CountryNameModel[];

  @Field(() => RegionEnum)
  region!: Region;
}

export const CountryConnection = Paginated(CountryModel);

export function toCountryModel(c: Country, t: Translator): CountryModel {
  return {
    code: c.code,
    alpha3: c.alpha3,
    name: c.names[t.lang] ?? c.names.en,
    names: (['en', 'es', 'pt', 'fr'] as const).map((l) => ({ language: l, name: c.names[l] })),
    region: c.region,
  };
}
