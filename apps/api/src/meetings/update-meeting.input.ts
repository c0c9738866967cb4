import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { MEETING_KINDS, MeetingKind } from '@enlace/meetings';
import { TranslationInput } from '../graphql/models/translation.input';
import { MeetingFieldsInput } from './meeting-fields.input';
import { MeetingKindEnum } from './meetings.enums';

@InputType({
  description: 'Edits a DRAFT or SCHEDULED meeting; a scheduled meeting’s dates change through rescheduleMeeting.',
})
export class UpdateMeetingInput extends MeetingFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => Int, { description: 'The version you read: an edit made meanwhile answers CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => MeetingKindEnum, { nullable: true })
  @IsOptional()
  @IsIn([...MEETING_KINDS])
  kind?: MeetingKind;

  @Field(() => [TranslationInput], { nullable: true, description: 'Per-language edits of the title.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  title?: TranslationInput[];
}
