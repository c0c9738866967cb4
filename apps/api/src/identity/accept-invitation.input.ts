import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH } from '@enlace/identity';

@InputType()
export class AcceptInvitationInput {
  @Field({ description: 'The token from the invitation link.' })
  @IsString()
  @MaxLength(100)
  token!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Your name; required when the invited email has no account yet, ignored otherwise.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  name?: string | null;

  @Field({
    description:
      'A new password (at least 10 characters) when the invited email has no account yet; otherwise the password of that account.',
  })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}
