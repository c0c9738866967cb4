import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NETWORK_ROLES, NetworkRole, Visibility, VISIBILITIES } from '@enlace/core';
import { NetworkRoleEnum, VisibilityEnum } from '../graphql/models/enums';

@InputType({
  description: 'Memberships of one network to give another visibility: every one that matches all filters.',
})
export class SetMembershipsVisibilityInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => VisibilityEnum)
  @IsIn([...VISIBILITIES])
  visibility!: Visibility;

  @Field(() => NetworkRoleEnum, { nullable: true, description: 'Only memberships in this role.' })
  @IsOptional()
  @IsIn([...NETWORK_ROLES])
  role?: NetworkRole;

  @Field(() => String, {
    nullable: true,
    description: 'Only memberships bound to this member state (ISO 3166-1 alpha-2).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only current terms; every term, past ones too, when false or left out.',
  })
  @IsOptional()
  @IsBoolean()
  currentOnly?: boolean;
}
