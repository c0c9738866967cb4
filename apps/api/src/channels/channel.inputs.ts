import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANNEL_KINDS, ChannelKind } from '@enlace/channels';
import { PageArgs } from '../graphql/models/connection.model';
import { ChannelKindEnum } from './channel.model';

@InputType()
export class CreateChannelInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => ChannelKindEnum)
  @IsIn(CHANNEL_KINDS)
  kind!: ChannelKind;

  @Field()
  @IsString()
  @MaxLength(400)
  name!: string;

  @Field(() => [ID], { nullable: true, description: 'GROUP and DIRECT: the named members (I am always one).' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  memberIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'JOINT: the partner networks it is shared with.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  partnerNetworkIds?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  retentionDays?: number;
}

@InputType()
export class UpdateChannelInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  channelId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  name?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  retentionDays?: number;

  @Field(() => Boolean, { nullable: true, description: 'Keep messages for ever (drops the retention period).' })
  @IsOptional()
  @IsBoolean()
  clearRetention?: boolean;
}

@InputType()
export class ChannelMemberInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  channelId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => Boolean, { nullable: true, description: 'Adding: may post (observers need this grant). Default true.' })
  @IsOptional()
  @IsBoolean()
  canPost?: boolean;
}

@InputType()
export class MuteChannelMemberInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  channelId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => Int, { description: 'Minutes of silence; 0 lifts the mute.' })
  @IsInt()
  minutes!: number;
}

@ArgsType()
export class MyChannelsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;
}

@ArgsType()
export class ChannelMessagesArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  channelId!: string;

  @Field(() => ID, { nullable: true, description: 'Only the replies of this thread.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  threadId?: string;

  @Field(() => String, { nullable: true, description: 'Newer than this cursor (paging back towards the present).' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  before?: string;

  @Field(() => ID, { nullable: true, description: 'A page centred on this message.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  around?: string;
}

@ArgsType()
export class SearchMessagesArgs extends PageArgs {
  @Field({ description: 'Words to find (accents ignored).' })
  @IsString()
  @MaxLength(400)
  text!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  channelId?: string;
}
