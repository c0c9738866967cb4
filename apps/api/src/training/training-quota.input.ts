import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength } from 'class-validator';

@InputType({ description: 'At most `seats` confirmed participants from one country.' })
export class TrainingQuotaInput {
  @Field()
  @IsString()
  @MaxLength(2)
  countryCode!: string;

  @Field(() => Int)
  @IsInt()
  seats!: number;
}
