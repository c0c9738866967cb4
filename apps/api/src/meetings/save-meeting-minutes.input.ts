import { Type } from 'class-transformer';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MinutesQuorumInput } from './minutes-quorum.input';
import { MinutesTextInput } from './minutes-text.input';

@InputType({
  description: 'Writes or changes the minutes of a held meeting; every save of the text is a new revision.',
})
export class SaveMeetingMinutesInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => [MinutesTextInput], {
    nullable: true,
    description: 'Languages to write: each replaces that language’s text and status; others are kept.',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => MinutesTextInput)
  text?: MinutesTextInput[] | null;

  @Field(() => MinutesQuorumInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MinutesQuorumInput)
  quorum?: MinutesQuorumInput | null;

  @Field(() => Int, { nullable: true, description: 'The version read; required once the minutes exist.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;
}
