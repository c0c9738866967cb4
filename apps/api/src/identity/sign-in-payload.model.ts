import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { SignInResult } from '@enlace/identity';

@ObjectType('SignInPayload', { description: 'A new session: send the token as `Authorization: Bearer <token>`.' })
export class SignInPayloadModel {
  @Field({ description: 'The bearer token. Shown once; the server keeps only its hash.' })
  token!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  /** Not in the schema: whose session it is, for the `me` field. */
  personId!: string;
}

export function toSignInPayloadModel(result: SignInResult, _t: Translator): SignInPayloadModel {
  return { token: result.token, expiresAt: result.expiresAt, personId: result.personId };
}
