import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonSummary', { description: 'A person as lists show them: id and name.' })
export class PersonSummaryModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}
