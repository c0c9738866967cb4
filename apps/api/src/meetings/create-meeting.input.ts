import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { MEETING_KINDS, MeetingKind } from '@enlace/meetings';
import { TranslationInput } from '../graphql/models/translation.input';
import { MeetingFieldsInput } from './meeting-fields.input';
import { MeetingKindEnum } from './meetings.enums';

@InputType()
export class CreateMeetingInput extends MeetingFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => MeetingKindEnum)
  @IsIn([...MEETING_KINDS])
  kind!: MeetingKind;

  @Field(() => [TranslationInput])
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  title!: TranslationInput[];
}
