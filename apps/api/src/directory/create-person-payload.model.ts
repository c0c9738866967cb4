import { Field, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { CreatedPerson } from '@enlace/directory';
import { HandoverModel, toHandoverModel } from './handover.model';
import { PersonModel, toPersonModel } from './person.model';

@ObjectType('CreatePersonPayload')
export class CreatePersonPayloadModel {
  @Field(() => PersonModel)
  person!: PersonModel;

  @Field(() => HandoverModel)
  handover!: HandoverModel;
}

export function toCreatePersonPayloadModel(created: CreatedPerson, t: Translator): CreatePersonPayloadModel {
  return { person: toPersonModel(created.person, t), handover: toHandoverModel(created.handover, t) };
}
