import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator, Visibility } from '@enlace/core';
import type { Relationship, RelationshipType } from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { VisibilityEnum } from '../graphql/models/enums';
import { RelationshipTypeEnum } from './directory.enums';

@ObjectType('Relationship', {
  description:
    'A typed, dated link between people and organisations, read from → to ("Gloria WORKS_FOR the ministry"). ' +
    'Shown only while you may see it and both of its ends.',
})
export class RelationshipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipTypeEnum)
  type!: RelationshipType;

  @Field({ description: 'The type in your language ("Financia", "Finance", ...).' })
  typeLabel!: string;

  @Field(() => String, { nullable: true, description: 'First day (YYYY-MM-DD); null when unknown.' })
  startsOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'First day it no longer holds (YYYY-MM-DD); null while it runs.',
  })
  endsOn!: string | null;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  @Field(() => String, { nullable: true, description: 'What the secretariat knows of it.' })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the secretariat learnt it (a document, a meeting, a link).',
  })
  source!: string | null;

  networkId!: string;
  fromPersonId!: string | null;
  fromOrganisationId!: string | null;
  toPersonId!: string | null;
  toOrganisationId!: string | null;
}

export const RelationshipConnection = Paginated(RelationshipModel);

export function toRelationshipModel(r: Relationship, t: Translator): RelationshipModel {
  return { ...r, typeLabel: t.t(`directory:relationship.type.${r.type}`) };
}
