import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType({ description: 'Freezes the network dashboard on an agenda item (the meeting’s organisers).' })
export class AttachPlanDashboardInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  agendaItemId!: string;

  @Field(() => ID, { description: 'The meeting’s network, whose plans it shows.' })
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field({ description: 'YYYY-MM-DD: "as of the meeting date".' })
  @IsString()
  @MaxLength(10)
  asOf!: string;
}
