import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt } from 'class-validator';

@InputType({ description: 'A quorum as a fraction of the member states present (2/3 unless set).' })
export class MinutesQuorumInput {
  @Field(() => Int)
  @IsInt()
  numerator!: number;

  @Field(() => Int)
  @IsInt()
  denominator!: number;
}
