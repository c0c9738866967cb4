import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { PersonName } from '@enlace/directory';

@ObjectType('PersonSummary', { description: 'A person as lists show them: id and name.' })
export class PersonSummaryModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

/** A person's id and name as shown; an erased person under the one translated placeholder. */
export function toPersonSummary(p: PersonName, t: Translator): PersonSummaryModel {
  return { id: p.id, name: p.erased ? t.t('directory:erasedName') : p.name };
}
