import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageArgs } from '../graphql/models/page.args';

@ArgsType()
export class MemberStatesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only countries that are members today.' })
  @IsOptional()
  @IsBoolean()
  currentOnly?: boolean;
}
