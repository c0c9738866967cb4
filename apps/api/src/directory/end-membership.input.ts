import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class EndMembershipInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: from that day on the role is no longer held; today when left out.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  endsOn?: string;
}
