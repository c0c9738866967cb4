import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { Organisation, OrganisationType } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { OrganisationTypeEnum } from './directory.enums';

@ObjectType('Organisation', { description: 'A ministry, forum, UN office, university... (shared reference record).' })
export class OrganisationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => OrganisationTypeEnum)
  type!: OrganisationType;

  @Field(() => TranslatedTextModel)
  name!: TranslatedTextModel;

  @Field(() => String, { nullable: true })
  acronym!: string | null;

  @Field(() => Int)
  version!: number;

  countryCode!: string | null;
  parentId!: string | null;
}

export const OrganisationConnection = Paginated(OrganisationModel);

export function toOrganisationModel(o: Organisation, t: Translator): OrganisationModel {
  return {
    id: o.id,
    type: o.type,
    name: toTranslatedText(o.name, t) as TranslatedTextModel,
    acronym: o.acronym,
    version: o.version,
    countryCode: o.countryCode,
    parentId: o.parentId,
  };
}
