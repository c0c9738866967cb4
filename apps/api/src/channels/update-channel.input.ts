import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { Language, LANGUAGES } from '@enlace/core';
import { LanguageEnum } from '../graphql/models/enums';

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

  @Field(() => LanguageEnum, {
    nullable: true,
    description: 'The language its messages are searched in (stems, inflections); the network’s default if omitted.',
  })
  @IsOptional()
  @IsIn([...LANGUAGES])
  language?: Language;

  @Field(() => Boolean, { nullable: true, description: 'Keep messages for ever (drops the retention period).' })
  @IsOptional()
  @IsBoolean()
  clearRetention?: boolean;
}
