import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageArgs } from '../graphql/models/page.args';

@ArgsType()
export class MyNotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only notifications not read yet.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}
