import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_INVITEES_PER_CALL } from '@enlace/meetings';
import { MeetingRoleInput } from './meeting-role.input';

@InputType({ description: 'People, and whole roles of the owner or partner networks, to invite.' })
export class InviteToMeetingInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES_PER_CALL)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  personIds?: string[];

  @Field(() => [MeetingRoleInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MeetingRoleInput)
  roles?: MeetingRoleInput[];
}
