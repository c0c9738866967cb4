import { Field, Float, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_VALUE_TYPES,
  IndicatorDirection,
  IndicatorValueType,
} from '@enlace/action-plans';
import { TranslationInput } from '../graphql/models/translation.input';
import { IndicatorDirectionEnum, IndicatorValueTypeEnum } from './action-plans.enums';
import { ScheduleInput } from './schedule.input';
import { Translations } from './translations.field';

@InputType()
export class IndicatorFieldsInput {
  @Translations({ nullable: true })
  title?: TranslationInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  unit?: string;

  @Field(() => IndicatorValueTypeEnum, { nullable: true, description: 'Default NUMBER.' })
  @IsOptional()
  @IsIn([...INDICATOR_VALUE_TYPES])
  valueType?: IndicatorValueType;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  baseline?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  target?: number;

  @Field(() => IndicatorDirectionEnum, { nullable: true, description: 'Default UP.' })
  @IsOptional()
  @IsIn([...INDICATOR_DIRECTIONS])
  direction?: IndicatorDirection;

  @Field(() => ScheduleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInput)
  schedule?: ScheduleInput;
}
