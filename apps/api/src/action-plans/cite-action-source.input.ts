import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType({ description: 'One source an action answers: a follow-up, a recommendation, or a protocol and article.' })
export class CiteActionSourceInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  actionId!: string;

  @Field(() => ID, { nullable: true, description: 'A follow-up of a meeting of the plan’s network.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  followUpId?: string;

  @Field({ nullable: true, description: 'With a follow-up: completing the action closes it.' })
  @IsOptional()
  @IsBoolean()
  closesFollowUp?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recommendationId?: string;

  @Field({
    nullable: true,
    description: 'E.g. "ICGLR Protocol for the Prevention and the Punishment of the Crime of Genocide".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  protocol?: string;

  @Field({ nullable: true, description: 'E.g. "Article 8".' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  article?: string;
}
