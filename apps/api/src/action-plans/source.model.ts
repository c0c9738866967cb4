import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import { SOURCE_KINDS, type RecommendationRow, type SourceKind, type SourceRow } from '@enlace/action-plans';
import { enumOf } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';

export const SourceKindEnum = enumOf(SOURCE_KINDS);
registerEnumType(SourceKindEnum, { name: 'ActionSourceKind' });

@ObjectType('Recommendation', {
  description: 'A recommendation of a UN mechanism or a network that plan actions answer.',
})
export class RecommendationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field({ description: 'Who made it (e.g. "Universal Periodic Review, 2nd cycle").' })
  source!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  issuedOn!: string;

  @Field(() => TranslatedTextModel)
  text!: TranslatedTextModel;
}

@ObjectType('ActionSource', { description: 'What an action answers.' })
export class SourceModel {
  @Field(() => ID)
  id!: string;

  @Field(() => SourceKindEnum)
  kind!: SourceKind;

  @Field(() => ID, { nullable: true, description: 'The meeting follow-up (meetings’ stable id).' })
  followUpId!: string | null;

  @Field(() => String, { nullable: true, description: 'The follow-up’s status in its meeting: OPEN, DONE, DROPPED.' })
  followUpStatus!: string | null;

  @Field({ description: 'Completing the action closes the follow-up.' })
  closesFollowUp!: boolean;

  @Field(() => RecommendationModel, { nullable: true })
  recommendation!: RecommendationModel | null;

  @Field(() => String, { nullable: true })
  protocol!: string | null;

  @Field(() => String, { nullable: true })
  article!: string | null;
}

export function toRecommendationModel(r: RecommendationRow, t: Translator): RecommendationModel {
  return {
    id: r.id,
    networkId: r.networkId,
    source: r.source,
    issuedOn: r.issuedOn,
    text: toTranslatedText(r.text, t) as TranslatedTextModel,
  };
}

export function toSourceModel(s: SourceRow, t: Translator): SourceModel {
  return {
    id: s.id,
    kind: s.kind,
    followUpId: s.followUpId,
    followUpStatus: s.followUpStatus,
    closesFollowUp: s.closesFollowUp,
    recommendation: s.recommendation ? toRecommendationModel(s.recommendation, t) : null,
    protocol: s.protocol,
    article: s.article,
  };
}
