import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Visibility, VISIBILITIES } from '@enlace/core';
import { VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { Translations } from './translations.field';

@InputType({
  description:
    'Publishes a template version: from a plan (its objectives → actions → indicators, frozen), and/or as the next version of a template.',
})
export class PublishPlanTemplateInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The plan to freeze (usually a regional draft written as the template).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  planId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A version of the template to publish again (n+1); without planId its content is kept.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  templateId?: string;

  @Translations({ nullable: true })
  title?: TranslationInput[];

  @Translations({ nullable: true })
  summary?: TranslationInput[];

  @Field(() => VisibilityEnum, { nullable: true, description: 'NETWORK (default), PARTNERS or PUBLIC.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}

@InputType({ description: 'A member state’s new draft plan from a template version.' })
export class CopyPlanTemplateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  templateVersionId!: string;

  @Field({ description: 'The member state (ISO alpha-2).' })
  @IsString()
  @MaxLength(8)
  memberState!: string;

  @Field({ description: 'YYYY-MM-DD; the template’s dates are applied from it.' })
  @IsString()
  @MaxLength(10)
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsString()
  @MaxLength(10)
  periodEnd!: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'Default: the template’s.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}

@InputType({ description: 'A comment on a plan I may read, or on one of its objectives or actions.' })
export class CommentOnPlanInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  planId!: string;

  @Field({ description: 'At most 4,000 characters; mention someone as `<@person-id>`.' })
  @IsString()
  @MaxLength(8000)
  body!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  objectiveId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actionId?: string;
}
