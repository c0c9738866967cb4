import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';

@InputType({ description: 'Removes an agenda item and its sub-items.' })
export class RemoveAgendaItemInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  itemId!: string;

  @Field(() => Int, { description: 'The agenda’s version you read.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
