import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { MAX_EMAIL_LENGTH } from '@enlace/core';
import { MAX_PASSWORD_LENGTH } from '@enlace/identity';

@InputType()
export class SignInInput {
  @Field()
  @IsString()
  @MaxLength(MAX_EMAIL_LENGTH)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}
