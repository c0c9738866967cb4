import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTION_STATUSES, ActionStatus } from '@enlace/action-plans';
import { TranslationInput } from '../graphql/models/translation.input';
import { ActionStatusEnum } from './action-plans.enums';
import { Translations } from './translations.field';

@InputType({ description: 'A progress report on an action: a status, a progress, a narrative, or several.' })
export class ReportProgressInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  actionId!: string;

  @Field(() => ActionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ACTION_STATUSES])
  status?: ActionStatus;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  progress?: number;

  @Translations({ nullable: true })
  narrative?: TranslationInput[];
}
