import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '../graphql/models/page.args';

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
