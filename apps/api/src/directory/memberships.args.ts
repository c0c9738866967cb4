import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NETWORK_ROLES, NetworkRole } from '@enlace/core';
import { PageArgs } from '../graphql/models/page.args';
import { NetworkRoleEnum } from '../graphql/models/enums';

@ArgsType()
export class MembershipsArgs extends PageArgs {
  @Field(() => NetworkRoleEnum, { nullable: true })
  @IsOptional()
  @IsIn([...NETWORK_ROLES])
  role?: NetworkRole;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only terms current today (default: every term, past ones too).',
  })
  @IsOptional()
  @IsBoolean()
  currentOnly?: boolean;
}
