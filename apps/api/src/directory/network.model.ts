import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Language, Translator, Visibility } from '@enlace/core';
import type { Network, NetworkKind } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { NetworkKindEnum } from './networks.enums';

@ObjectType('Network', { description: 'A network: the tenant that owns members, meetings, plans and channels.' })
export class NetworkModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Short unique name used in addresses, e.g. "latin-america-network".' })
  slug!: string;

  @Field(() => TranslatedTextModel)
  name!: TranslatedTextModel;

  @Field(() => TranslatedTextModel, { nullable: true })
  description!: TranslatedTextModel | null;

  @Field(() => NetworkKindEnum)
  kind!: NetworkKind;

  @Field(() => LanguageEnum)
  defaultLanguage!: Language;

  @Field(() => [LanguageEnum])
  workingLanguages!: Language[];

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  @Field(() => Int, { description: 'Increases with every change; give it back as `expectedVersion` when updating.' })
  version!: number;
}

export const NetworkConnection = Paginated(NetworkModel);

/** Maps a network to its GraphQL model, translatable text served in the request's language with fallback. */
export function toNetworkModel(network: Network, t: Translator): NetworkModel {
  return {
    id: network.id,
    slug: network.slug,
    name: toTranslatedText(network.name, t, network.defaultLanguage) as TranslatedTextModel,
    description: toTranslatedText(network.description, t, network.defaultLanguage),
    kind: network.kind,
    defaultLanguage: network.defaultLanguage,
    workingLanguages: network.workingLanguages,
    visibility: network.visibility,
    version: network.version,
  };
}
