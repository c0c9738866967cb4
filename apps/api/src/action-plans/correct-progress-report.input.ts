import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTION_STATUSES, ActionStatus } from '@enlace/action-plans';
import { TranslationInput } from '../graphql/models/translation.input';
import { ActionStatusEnum } from './action-plans.enums';
import { Translations } from './translations.field';

@InputType({ description: 'A correction: a new entry that supersedes a report; omitted fields keep the report’s.' })
export class CorrectProgressReportInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  reportId!: string;

  @Field(() => ActionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ACTION_STATUSES])
  status?: ActionStatus;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  progress?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  value?: number;

  @Translations({ nullable: true })
  narrative?: TranslationInput[];
}
