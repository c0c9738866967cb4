import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

@InputType({ description: 'Moves an item (with its sub-items) under `parentId` (null: the top level) at `position`.' })
export class MoveAgendaItemInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  itemId!: string;

  @Field(() => Int, { description: 'The agenda’s version you read.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentId?: string | null;

  @Field(() => Int, { description: '1-based place among the new siblings (past the end: last).' })
  @IsInt()
  position!: number;
}
