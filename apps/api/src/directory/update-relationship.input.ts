import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class UpdateRelationshipInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Left out: kept; null or empty: cleared (at most 2000 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Left out: kept; null or empty: cleared (at most 500 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  source?: string | null;
}
