import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class MemberStateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field()
  @IsString()
  @MaxLength(2)
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  joinedOn?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day the country left the network.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  leftOn?: string;
}
