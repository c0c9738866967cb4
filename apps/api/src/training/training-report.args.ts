import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class TrainingReportArgs {
  @Field(() => ID, { nullable: true, description: 'One network’s trainings; all I may read when omitted.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => ID, { nullable: true, description: 'One curriculum (all its versions, i.e. cycles).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  curriculumId?: string;

  @Field(() => Int, { nullable: true, description: 'Trainings starting in this year or later.' })
  @IsOptional()
  @IsInt()
  fromYear?: number;

  @Field(() => Int, { nullable: true, description: 'Trainings starting in this year or earlier.' })
  @IsOptional()
  @IsInt()
  toYear?: number;
}
