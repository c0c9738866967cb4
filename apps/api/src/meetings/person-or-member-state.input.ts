import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@InputType({
  description: 'A person (invited, or a member of a network the meeting involves) or a member state: one of the two.',
})
export class PersonOrMemberStateInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of a member state.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string | null;
}
