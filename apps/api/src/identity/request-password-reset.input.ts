import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, MaxLength } from 'class-validator';
import { MAX_EMAIL_LENGTH } from '@enlace/core';

@InputType()
export class RequestPasswordResetInput {
  @Field()
  @IsEmail()
  @MaxLength(MAX_EMAIL_LENGTH)
  email!: string;
}
