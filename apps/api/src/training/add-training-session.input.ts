import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { TrainingSessionFieldsInput } from './training-session-fields.input';

@InputType({ description: 'A new session of a training (those who run it).' })
export class AddTrainingSessionInput extends TrainingSessionFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  trainingId!: string;
}
