import { Field, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { Handover } from '@enlace/directory';
import { MembershipModel, toMembershipModel } from './membership.model';

@ObjectType('Handover', { description: 'The term a designation opened, and the predecessor’s term it ended.' })
export class HandoverModel {
  @Field(() => MembershipModel)
  membership!: MembershipModel;

  @Field(() => MembershipModel, { nullable: true })
  predecessor!: MembershipModel | null;
}

export function toHandoverModel(h: Handover, t: Translator): HandoverModel {
  return {
    membership: toMembershipModel(h.term, t),
    predecessor: h.predecessor ? toMembershipModel(h.predecessor, t) : null,
  };
}
