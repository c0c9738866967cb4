import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SIGN_OFF_DECISIONS, SignOffDecision } from '@enlace/meetings';
import { SignOffDecisionEnum } from './minutes.enums';

@InputType({ description: 'My member state’s voice on circulated minutes.' })
export class SignOffMinutesInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => SignOffDecisionEnum)
  @IsIn([...SIGN_OFF_DECISIONS])
  decision!: SignOffDecision;

  @Field(() => String, { nullable: true, description: 'Required for an objection.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only when I represent several member states present: which one signs.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string | null;
}
