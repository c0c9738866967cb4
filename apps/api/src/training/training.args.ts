import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CURRICULUM_STATUSES, CurriculumStatus, TRAINING_STATUSES, TrainingStatus } from '@enlace/training';
import { PageArgs } from '../graphql/models/page.args';
import { CurriculumStatusEnum, TrainingStatusEnum } from './training.enums';

@ArgsType()
export class CurriculaArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => CurriculumStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...CURRICULUM_STATUSES])
  status?: CurriculumStatus;
}

@ArgsType()
export class TrainingsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => TrainingStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn([...TRAINING_STATUSES])
  status?: TrainingStatus;
}
