import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Language, personTimeZone, Translator } from '@enlace/core';
import type { DirectoryPerson } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum } from '../graphql/models/enums';

@ObjectType('Person', { description: 'A person in the directory.' })
export class PersonModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  honorific!: string | null;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => [LanguageEnum], { description: 'Languages spoken.' })
  languages!: Language[];

  @Field(() => LanguageEnum)
  preferredLanguage!: Language;

  @Field({
    description:
      'IANA time zone the person reads dates in (e-mails, digests, calendar texts): the one chosen with ' +
      '`updatePerson`, else the main zone of their country, else UTC.',
  })
  timeZone!: string;

  @Field({ description: 'True while no time zone was chosen and `timeZone` is their country’s main zone (or UTC).' })
  timeZoneIsDefault!: boolean;

  @Field(() => String, { nullable: true, description: 'Identifier in the spreadsheet or system imports come from.' })
  externalRef!: string | null;

  @Field({ description: 'True once an administrator erased this person: only the history remains.' })
  erased!: boolean;

  @Field(() => Int)
  version!: number;

  organisationId!: string | null;
  countryCode!: string | null;
}

export const PersonConnection = Paginated(PersonModel);

/** An erased person keeps their place under a translated placeholder name. */
export function toPersonModel(p: DirectoryPerson, t: Translator): PersonModel {
  return {
    id: p.id,
    name: p.erasedAt ? t.t('directory:erasedName') : p.name,
    honorific: p.honorific,
    jobTitle: p.jobTitle,
    languages: p.languages,
    preferredLanguage: p.preferredLanguage,
    timeZone: personTimeZone(p.timeZone, p.countryCode),
    timeZoneIsDefault: p.timeZone === null,
    externalRef: p.externalRef,
    erased: p.erasedAt !== null,
    version: p.version,
    organisationId: p.organisationId,
    countryCode: p.countryCode,
  };
}
