import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { AgendaItemFieldsInput } from './agenda-item-fields.input';

@InputType({
  description: 'A new agenda item, under `parentId` (top level when omitted) at `position` (the end when omitted).',
})
export class AddAgendaItemInput extends AgendaItemFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => Int, { description: 'The agenda’s version you read.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentId?: string | null;

  @Field(() => Int, { nullable: true, description: '1-based place among the siblings.' })
  @IsOptional()
  @IsInt()
  position?: number | null;
}
