import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class PostChannelNoticeInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  channelId!: string;

  @Field({ description: 'The id the sending client chose; a retry with the same id stores nothing new.' })
  @IsString()
  @MaxLength(200)
  clientId!: string;

  @Field({ description: 'Plain text; mentions are written <@person-id>.' })
  @IsString()
  @MaxLength(20_000)
  body!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after which those who have not acknowledged it are reminded, once (1–90; default 3).',
  })
  @IsOptional()
  @IsInt()
  remindAfterDays?: number;
}
