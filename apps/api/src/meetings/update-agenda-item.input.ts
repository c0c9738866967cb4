import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { AgendaItemFieldsInput } from './agenda-item-fields.input';

@InputType({ description: 'New values for an agenda item; omitted fields keep theirs.' })
export class UpdateAgendaItemInput extends AgendaItemFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  itemId!: string;

  @Field(() => Int, { description: 'The agenda’s version you read.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
