import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { CurriculumStatus, CurriculumVersionRow } from '@enlace/training';
import { Paginated } from '../graphql/models/connection.model';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { CurriculumStatusEnum } from './training.enums';

@ObjectType('CurriculumModule', { description: 'One module of a curriculum version, in order.' })
export class CurriculumModuleModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1, 2, 3… in the version’s order.' })
  position!: number;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => TranslatedTextModel, { nullable: true, description: 'Learning objectives.' })
  objectives!: TranslatedTextModel | null;

  @Field(() => Int)
  durationMinutes!: number;

  @Field()
  required!: boolean;

  @Field(() => [String], { description: 'Links to the materials.' })
  materials!: string[];
}

@ObjectType('CurriculumVersion', {
  description: 'One numbered version of a curriculum; a published one never changes.',
})
export class CurriculumVersionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The curriculum this is a version of (every version shares it).' })
  curriculumId!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => TranslatedTextModel, { nullable: true })
  description!: TranslatedTextModel | null;

  @Field(() => CurriculumStatusEnum)
  status!: CurriculumStatus;

  @Field(() => ID, { nullable: true, description: 'The published version this one started from.' })
  basedOn!: string | null;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int)
  version!: number;

  @Field(() => [CurriculumModuleModel])
  modules!: CurriculumModuleModel[];

  @Field(() => Int, { description: 'The sum of the modules’ durations.' })
  totalMinutes!: number;
}

export const CurriculumVersionConnection = Paginated(CurriculumVersionModel);

export function toCurriculumVersionModel(v: CurriculumVersionRow, t: Translator): CurriculumVersionModel {
  return {
    id: v.id,
    curriculumId: v.curriculumId,
    networkId: v.networkId,
    number: v.number,
    title: toTranslatedText(v.title, t, v.networkLanguage) as TranslatedTextModel,
    description: toTranslatedText(v.description, t, v.networkLanguage),
    status: v.status,
    basedOn: v.basedOn,
    publishedAt: v.publishedAt,
    version: v.version,
    modules: v.modules.map((m) => ({
      id: m.id,
      position: m.position,
      title: toTranslatedText(m.title, t, v.networkLanguage) as TranslatedTextModel,
      objectives: toTranslatedText(m.objectives, t, v.networkLanguage),
      durationMinutes: m.durationMinutes,
      required: m.required,
      materials: m.materials,
    })),
    totalMinutes: v.modules.reduce((sum, m) => sum + m.durationMinutes, 0),
  };
}
