import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NETWORK_ROLES, NetworkRole } from '@enlace/core';
import { NETWORK_KINDS, NetworkKind } from '@enlace/identity';
import { PageArgs } from '../graphql/models/connection.model';
import { NetworkRoleEnum } from '../graphql/models/enums';
import { NetworkKindEnum } from './network.model';

@ArgsType()
export class NetworksArgs extends PageArgs {
  @Field(() => NetworkKindEnum, { nullable: true })
  @IsOptional()
  @IsIn([...NETWORK_KINDS])
  kind?: NetworkKind;
}

@ArgsType()
export class NetworkArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  id?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  slug?: string;
}

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

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The network whose log to read; administrators may leave it out.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;
}
