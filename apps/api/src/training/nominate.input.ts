import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@InputType({ description: 'Nominates an official for a training open for nominations.' })
export class NominateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  trainingId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => String, { nullable: true, description: 'The member state (a focal point’s own by default).' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;
}
