import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NETWORK_ROLES, NetworkRole, Visibility, VISIBILITIES } from '@enlace/core';
import { NetworkRoleEnum, VisibilityEnum } from '../graphql/models/enums';
import { PersonFieldsInput } from './person-fields.input';

@InputType()
export class CreatePersonInput extends PersonFieldsInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => ID, { description: 'The network whose directory receives the person.' })
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => NetworkRoleEnum)
  @IsIn([...NETWORK_ROLES])
  role!: NetworkRole;

  @Field(() => String, { nullable: true, description: 'Required for focal points and alternates.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  membershipVisibility?: Visibility;
}
