import { Field, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { MemberState } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';

@ObjectType('MemberState', { description: 'A country’s membership of a network, and its seats.' })
export class MemberStateModel {
  @Field({ description: 'YYYY-MM-DD' })
  joinedOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while a member.' })
  leftOn!: string | null;

  networkId!: string;
  countryCode!: string;
}

export const MemberStateConnection = Paginated(MemberStateModel);

export function toMemberStateModel(s: MemberState, _t: Translator): MemberStateModel {
  return { networkId: s.networkId, countryCode: s.countryCode, joinedOn: s.joinedOn, leftOn: s.leftOn };
}
