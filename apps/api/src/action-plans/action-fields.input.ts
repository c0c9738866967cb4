import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTION_STATUSES, ActionStatus } from '@enlace/action-plans';
import { TranslationInput } from '../graphql/models/translation.input';
import { ActionStatusEnum } from './action-plans.enums';
import { Translations } from './translations.field';

@InputType()
export class ActionFieldsInput {
  @Translations({ nullable: true })
  title?: TranslationInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  responsibleOrganisation?: string;

  @Field(() => ID, { nullable: true, description: 'A current member of the plan’s network.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  responsiblePersonId?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD, not before the start.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  dueOn?: string;

  @Field(() => ActionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ACTION_STATUSES])
  status?: ActionStatus;

  @Field(() => Int, { nullable: true, description: '0–100.' })
  @IsOptional()
  @IsInt()
  progress?: number;

  @Field(() => Float, { nullable: true, description: 'Greater than 0 (default 1).' })
  @IsOptional()
  @IsNumber()
  weight?: number;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tags?: string[];
}
