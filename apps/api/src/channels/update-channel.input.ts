import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

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
