import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Visibility, VISIBILITIES } from '@enlace/core';
import { PLAN_STATUSES, PlanStatus } from '@enlace/action-plans';
import { VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { PlanStatusEnum } from './action-plans.enums';
import { Translations } from './translations.field';

@InputType({ description: 'Edits a plan at the version you read; omitted fields keep their value.' })
export class UpdateActionPlanInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  planId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Translations({ nullable: true })
  title?: TranslationInput[];

  @Translations({ nullable: true })
  summary?: TranslationInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  periodStart?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  periodEnd?: string;

  @Field(() => PlanStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...PLAN_STATUSES])
  status?: PlanStatus;

  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}
