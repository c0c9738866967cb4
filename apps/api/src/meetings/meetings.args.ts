import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MEETING_KINDS, MEETING_STATUSES, MeetingKind, MeetingStatus } from '@enlace/meetings';
import { PageArgs } from '../graphql/models/page.args';
import { MeetingKindEnum, MeetingStatusEnum } from './meetings.enums';

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => MeetingKindEnum, { nullable: true })
  @IsOptional()
  @IsIn([...MEETING_KINDS])
  kind?: MeetingKind;

  @Field(() => MeetingStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...MEETING_STATUSES])
  status?: MeetingStatus;

  @Field(() => Date, { nullable: true, description: 'Meetings that end after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Meetings that start before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => Boolean, { nullable: true, description: 'Only meetings I am invited to.' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Latest first (the archive) instead of soonest first.' })
  @IsOptional()
  @IsBoolean()
  descending?: boolean;
}
