import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType({
  description:
    'Two networks. Adding a partnership needs the right to manage both; either side may remove one. Both directions are stored.',
})
export class NetworkPartnerInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  partnerId!: string;
}
