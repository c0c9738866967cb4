import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { NetworkRole, Translator, Visibility } from '@enlace/core';
import type { Membership as MembershipEntity, Term } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { NetworkRoleEnum, VisibilityEnum } from '../graphql/models/enums';

@ObjectType('Membership', {
  description: 'A person’s role in a network for one term (person × network × role × member state × term).',
})
export class MembershipModel {
  @Field(() => ID)
  id!: string;

  /** Resolved by `person` and `network` fields through per-request loaders. */
  personId!: string;
  networkId!: string;

  @Field(() => NetworkRoleEnum)
  role!: NetworkRole;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of the member state represented (focal points and alternates).',
  })
  memberState!: string | null;

  @Field({ description: 'First day of the term (YYYY-MM-DD).' })
  startsOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Day the term ends (YYYY-MM-DD): from that day on the role is no longer held. Null while open.',
  })
  endsOn!: string | null;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;
}

export const MembershipConnection = Paginated(MembershipModel);

/** A membership term, whichever service loaded it (the network's memberships or a seat's terms). */
export function toMembershipModel(m: MembershipEntity | Term, _t: Translator): MembershipModel {
  return {
    id: m.id,
    personId: m.personId,
    networkId: m.networkId,
    role: m.role,
    memberState: m.memberState,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    visibility: m.visibility,
  };
}
