import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Language, Translator } from '@enlace/core';
import { LanguageEnum } from '../graphql/models/enums';
import type { ChannelKind, ChannelView } from '@enlace/channels';
import { ChannelKindEnum } from './channels.enums';

@ObjectType('Channel', { description: 'A discussion channel owned by a network.' })
export class ChannelModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => ChannelKindEnum)
  kind!: ChannelKind;

  @Field()
  name!: string;

  @Field(() => LanguageEnum, { description: 'The language its messages are searched in.' })
  language!: Language;

  @Field({ description: 'Archived channels can be read but no longer changed.' })
  archived!: boolean;

  @Field(() => Int, { nullable: true, description: 'Messages older than this many days are purged; null keeps them.' })
  retentionDays!: number | null;

  @Field(() => [ID], { description: 'Joint channels: the partner networks they are shared with.' })
  partnerNetworkIds!: string[];
}

export function toChannelModel(view: ChannelView, _t: Translator): ChannelModel {
  return {
    ...view,
    kind: view.kind as ChannelKind,
    language: view.language as Language,
    partnerNetworkIds: [...view.partnerNetworkIds],
  };
}
