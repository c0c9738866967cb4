import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PLAN_STATUSES, PlanStatus } from '@enlace/action-plans';
import { PageArgs } from '../graphql/models/page.args';
import { PlanStatusEnum } from './action-plans.enums';

@ArgsType()
export class ActionPlansArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  memberState?: string;

  @Field(() => PlanStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...PLAN_STATUSES])
  status?: PlanStatus;

  @Field(() => String, {
    nullable: true,
    description: 'A prevention tag (`dimension:authority`) on an objective or action.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  dimension?: string;
}

@ArgsType()
export class NetworkDashboardArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD (default today): overdue and on-track as of then.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  asOf?: string;

  @Field(() => PlanStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...PLAN_STATUSES])
  status?: PlanStatus;

  @Field(() => String, { nullable: true, description: 'Plans whose period ends on or after this date.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  periodFrom?: string;

  @Field(() => String, { nullable: true, description: 'Plans whose period starts on or before this date.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  periodTo?: string;
}
