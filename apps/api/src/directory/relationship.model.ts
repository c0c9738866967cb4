import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator, Visibility } from '@enlace/core';
import type { Relationship, RelationshipType } from '@enlace/directory';
import { VisibilityEnum } from '../graphql/models/enums';
import { RelationshipTypeEnum } from './directory.enums';

@ObjectType('Relationship', { description: 'A typed, dated link between people and organisations.' })
export class RelationshipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipTypeEnum)
  type!: RelationshipType;

  @Field(() => String, { nullable: true })
  startsOn!: string | null;

  @Field(() => String, { nullable: true })
  endsOn!: string | null;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  networkId!: string;
  fromPersonId!: string | null;
  fromOrganisationId!: string | null;
  toPersonId!: string | null;
  toOrganisationId!: string | null;
}

export function toRelationshipModel(r: Relationship, _t: Translator): RelationshipModel {
  return { ...r };
}
