import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NETWORK_ROLES, NetworkRole, Visibility, VISIBILITIES } from '@enlace/core';
import { NetworkRoleEnum, VisibilityEnum } from '../graphql/models/enums';

@InputType()
export class AddMembershipInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => NetworkRoleEnum)
  @IsIn([...NETWORK_ROLES])
  role!: NetworkRole;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code: required for focal points and alternates, not accepted for other roles.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: the first day the role is held; today when left out.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD: the first day the role is no longer held (the term covers the days before); open term when left out.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  endsOn?: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'NETWORK when left out.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}
