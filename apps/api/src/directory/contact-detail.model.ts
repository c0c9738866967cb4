import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator, Visibility } from '@enlace/core';
import type { ContactKind, PersonContact } from '@enlace/directory';
import { VisibilityEnum } from '../graphql/models/enums';
import { ContactKindEnum } from './directory.enums';

@ObjectType('ContactDetail', {
  description: 'An email address or phone number, shown only to those its visibility allows.',
})
export class ContactDetailModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ContactKindEnum)
  kind!: ContactKind;

  @Field()
  value!: string;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;
}

export function toContactDetailModel(c: PersonContact, _t: Translator): ContactDetailModel {
  return { id: c.id, kind: c.kind, value: c.value, label: c.label, visibility: c.visibility };
}
