import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { PageArgs } from '../graphql/models/page.args';

@ArgsType()
export class NetworkPageArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;
}
