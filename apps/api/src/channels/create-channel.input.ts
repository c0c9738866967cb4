import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANNEL_KINDS, ChannelKind } from '@enlace/channels';
import { Language, LANGUAGES } from '@enlace/core';
import { LanguageEnum } from '../graphql/models/enums';
import { ChannelKindEnum } from './channels.enums';

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

  @Field(() => LanguageEnum, {
    nullable: true,
    description: 'The language its messages are searched in (stems, inflections); the network’s default if omitted.',
  })
  @IsOptional()
  @IsIn([...LANGUAGES])
  language?: Language;
}
