import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { NETWORK_ROLES, NetworkRole } from '@enlace/core';
import { NetworkRoleEnum } from '../graphql/models/enums';

@InputType({ description: 'A whole role of a network: every current holder is invited.' })
export class MeetingRoleInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => NetworkRoleEnum)
  @IsIn([...NETWORK_ROLES])
  role!: NetworkRole;
}
