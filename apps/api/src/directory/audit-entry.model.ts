import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { AuditLogEntity, Translator } from '@enlace/core';
import { Paginated } from '../graphql/models/connection.model';

@ObjectType('AuditEntry', { description: 'One change: who, when, what, and the values before and after.' })
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  /** Resolved by the `actor` field. */
  actorPersonId!: string | null;

  @Field(() => ID, { nullable: true })
  networkId!: string | null;

  @Field({ description: 'Kind of record changed, e.g. "network", "membership", "network_partner".' })
  entityType!: string;

  @Field()
  entityId!: string;

  @Field({ description: 'What happened, e.g. create, update, end, addPartner, removePartner.' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The changed values before the change, as a JSON object.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The changed values after the change, as a JSON object.' })
  after!: string | null;
}

export const AuditEntryConnection = Paginated(AuditEntryModel);

export function toAuditEntryModel(entry: AuditLogEntity, _t: Translator): AuditEntryModel {
  return {
    id: String(entry.id),
    at: entry.at,
    actorPersonId: entry.actorPersonId,
    networkId: entry.networkId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
  };
}
