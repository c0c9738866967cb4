import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator, Visibility } from '@enlace/core';
import type { CommentRow, TemplateRow } from '@enlace/action-plans';
import { VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { IndicatorDirectionEnum, IndicatorValueTypeEnum } from './action-plans.enums';
import type { IndicatorDirection, IndicatorValueType } from '@enlace/action-plans';

@ObjectType('PlanTemplateIndicator')
export class TemplateIndicatorModel {
  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;
  @Field()
  unit!: string;
  @Field(() => IndicatorValueTypeEnum)
  valueType!: IndicatorValueType;
  @Field(() => Float)
  baseline!: number;
  @Field(() => Float)
  target!: number;
  @Field(() => IndicatorDirectionEnum)
  direction!: IndicatorDirection;
  @Field(() => Int, { description: 'Months between two reports.' })
  everyMonths!: number;
}

@ObjectType('PlanTemplateAction')
export class TemplateActionModel {
  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;
  @Field(() => String, { nullable: true })
  responsibleOrganisation!: string | null;
  @Field(() => Float)
  weight!: number;
  @Field(() => [String], { description: 'Prevention tag keys.' })
  tags!: string[];
  @Field(() => Int, { description: 'Days from the plan’s start to the action’s start (applied to each copy).' })
  startOffset!: number;
  @Field(() => Int, { description: 'Days from the plan’s start to the action’s due date.' })
  dueOffset!: number;
  @Field(() => [TemplateIndicatorModel])
  indicators!: TemplateIndicatorModel[];
}

@ObjectType('PlanTemplateObjective')
export class TemplateObjectiveModel {
  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;
  @Field(() => TranslatedTextModel, { nullable: true })
  description!: TranslatedTextModel | null;
  @Field(() => [String], { description: 'Prevention tag keys.' })
  tags!: string[];
  @Field(() => [TemplateActionModel])
  actions!: TemplateActionModel[];
}

@ObjectType('PlanTemplate', {
  description: 'One published version of a plan template: immutable; publishing again makes the next version.',
})
export class PlanTemplateModel {
  @Field(() => ID, { description: 'The version’s id (what copyPlanTemplate takes).' })
  id!: string;
  @Field(() => ID)
  networkId!: string;
  @Field(() => ID, { description: 'The template across its versions.' })
  seriesId!: string;
  @Field(() => Int)
  version!: number;
  @Field(() => Int, { description: 'The newest version of the series.' })
  latestVersion!: number;
  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;
  @Field(() => TranslatedTextModel, { nullable: true })
  summary!: TranslatedTextModel | null;
  @Field(() => VisibilityEnum)
  visibility!: Visibility;
  @Field(() => [TemplateObjectiveModel])
  objectives!: TemplateObjectiveModel[];
  @Field(() => String, { nullable: true })
  publishedByName!: string | null;
  @Field(() => Date)
  publishedAt!: Date;
}

export function toPlanTemplateModel(r: TemplateRow, t: Translator): PlanTemplateModel {
  const text = (v: Parameters<typeof toTranslatedText>[0]) =>
    toTranslatedText(v, t, r.networkLanguage as never) as TranslatedTextModel;
  return {
    id: r.id,
    networkId: r.networkId,
    seriesId: r.seriesId,
    version: r.version,
    latestVersion: r.latestVersion,
    title: text(r.title),
    summary: r.summary ? text(r.summary) : null,
    visibility: r.visibility,
    publishedByName: r.publishedByName,
    publishedAt: r.publishedAt,
    objectives: r.content.objectives.map((o) => ({
      title: text(o.title),
      description: o.description ? text(o.description) : null,
      tags: [...o.tags],
      actions: o.actions.map((a) => ({
        title: text(a.title),
        responsibleOrganisation: a.responsibleOrganisation,
        weight: a.weight,
        tags: [...a.tags],
        startOffset: a.startOffset,
        dueOffset: a.dueOffset,
        indicators: a.indicators.map((i) => ({
          title: text(i.title),
          unit: i.unit,
          valueType: i.valueType,
          baseline: i.baseline,
          target: i.target,
          direction: i.direction,
          everyMonths: i.everyMonths,
        })),
      })),
    })),
  };
}

@ObjectType('PlanComment', { description: 'A comment on a plan, or on one of its objectives or actions.' })
export class PlanCommentModel {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  planId!: string;
  @Field(() => ID, { nullable: true })
  objectiveId!: string | null;
  @Field(() => ID, { nullable: true })
  actionId!: string | null;
  @Field(() => String, { nullable: true })
  authorName!: string | null;
  @Field({ description: 'Mentions are written `<@person-id>`.' })
  body!: string;
  @Field(() => Date)
  createdAt!: Date;
}

export function toPlanCommentModel(c: CommentRow): PlanCommentModel {
  return {
    id: c.id,
    planId: c.planId,
    objectiveId: c.objectiveId,
    actionId: c.actionId,
    authorName: c.authorName,
    body: c.body,
    createdAt: c.createdAt,
  };
}
