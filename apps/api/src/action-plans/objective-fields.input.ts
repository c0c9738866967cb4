import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { TranslationInput } from '../graphql/models/translation.input';
import { Translations } from './translations.field';

@InputType()
export class ObjectiveFieldsInput {
  @Translations({ nullable: true })
  title?: TranslationInput[];

  @Translations({ nullable: true })
  description?: TranslationInput[];

  @Field(() => [String], { nullable: true, description: 'Prevention tags (`preventionTags`).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tags?: string[];
}
