import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Language, Translator } from '@enlace/core';
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
    externalRef: p.externalRef,
    erased: p.erasedAt !== null,
    version: p.version,
    organisationId: p.organisationId,
    countryCode: p.countryCode,
  };
}
