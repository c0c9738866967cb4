import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength } from 'class-validator';

@InputType({ description: 'Due dates fall every N months from the start, on or before the end.' })
export class ScheduleInput {
  @Field()
  @IsString()
  @MaxLength(10)
  start!: string;

  @Field()
  @IsString()
  @MaxLength(10)
  end!: string;

  @Field(() => Int)
  @IsInt()
  everyMonths!: number;
}
