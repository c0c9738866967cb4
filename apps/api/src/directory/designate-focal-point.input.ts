import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Visibility, VISIBILITIES } from '@enlace/core';
import { HANDOVER_ROLES, HandoverRole } from '@enlace/directory';
import { VisibilityEnum } from '../graphql/models/enums';
import { HandoverRoleEnum } from './directory.enums';

@InputType()
export class DesignateFocalPointInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field()
  @IsString()
  @MaxLength(2)
  memberState!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => HandoverRoleEnum, { nullable: true, description: 'FOCAL_POINT when left out.' })
  @IsOptional()
  @IsIn([...HANDOVER_ROLES])
  role?: HandoverRole;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, today when left out: the new term starts and the predecessor’s ends that day.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'The predecessor’s (or NETWORK) when left out.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}
