import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Visibility, VISIBILITIES } from '@enlace/core';
import { VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { Translations } from './translations.field';

@InputType({ description: 'A new action plan, as a draft.' })
export class CreateActionPlanInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => String, { nullable: true, description: 'The member state (ISO alpha-2); omitted for a regional plan.' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  memberState?: string;

  @Translations()
  title!: TranslationInput[];

  @Translations({ nullable: true })
  summary?: TranslationInput[];

  @Field({ description: 'YYYY-MM-DD.' })
  @IsString()
  @MaxLength(10)
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsString()
  @MaxLength(10)
  periodEnd!: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'Default NETWORK.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}
