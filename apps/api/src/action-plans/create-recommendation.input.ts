import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { TranslationInput } from '../graphql/models/translation.input';
import { Translations } from './translations.field';

@InputType({ description: 'A recommendation the network’s plans answer (secretariat).' })
export class CreateRecommendationInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field()
  @IsString()
  @MaxLength(1000)
  source!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsString()
  @MaxLength(10)
  issuedOn!: string;

  @Translations()
  text!: TranslationInput[];
}
