import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType({
  description: 'Revokes a training certificate, saying why (the holder is told; it still verifies, as revoked).',
})
export class RevokeCertificateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  certificateId!: string;

  @Field({ description: 'Why, in 1 to 1,000 characters: shown to anyone who verifies it.' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
