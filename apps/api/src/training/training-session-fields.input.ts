import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_MODULES } from '@enlace/training';

@InputType({ isAbstract: true })
export class TrainingSessionFieldsInput {
  @Field({ description: 'Local start in the training’s zone, "YYYY-MM-DDTHH:mm".' })
  @IsString()
  @MaxLength(25)
  start!: string;

  @Field({ description: 'Local end in the training’s zone, "YYYY-MM-DDTHH:mm".' })
  @IsString()
  @MaxLength(25)
  end!: string;

  @Field(() => [ID], { description: 'Modules of the training’s curriculum version it covers (one or more).' })
  @IsArray()
  @ArrayMaxSize(MAX_MODULES)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  moduleIds!: string[];

  @Field(() => String, { nullable: true, description: 'One of the training’s places (required in person).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string;

  @Field(() => [ID], { nullable: true, description: 'Some of the training’s trainers.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  trainerIds?: string[];
}
