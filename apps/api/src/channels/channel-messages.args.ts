import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '../graphql/models/page.args';

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
