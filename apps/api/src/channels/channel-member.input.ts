import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

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
