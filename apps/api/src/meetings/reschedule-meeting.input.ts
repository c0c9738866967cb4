import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MeetingStepInput } from './meeting-step.input';

@InputType({ description: 'New local times (and optionally zone, place or link) for a SCHEDULED meeting.' })
export class RescheduleMeetingInput extends MeetingStepInput {
  @Field({ description: 'Local start, "YYYY-MM-DDTHH:mm".' })
  @IsString()
  @MaxLength(25)
  start!: string;

  @Field({ description: 'Local end, "YYYY-MM-DDTHH:mm".' })
  @IsString()
  @MaxLength(25)
  end!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the meeting’s zone.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  onlineUrl?: string;
}
