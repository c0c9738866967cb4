import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { HANDOVER_ROLES, HandoverRole } from '@enlace/directory';
import { HandoverRoleEnum } from './directory.enums';

@ArgsType()
export class SeatArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the member state.' })
  @IsString()
  @MaxLength(2)
  memberState!: string;

  @Field(() => HandoverRoleEnum, { nullable: true, description: 'FOCAL_POINT when left out.' })
  @IsOptional()
  @IsIn([...HANDOVER_ROLES])
  role?: HandoverRole;
}
