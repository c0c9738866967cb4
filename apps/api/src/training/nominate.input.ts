import { Type } from 'class-transformer';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LanguageEnum } from '../graphql/models/enums';

@InputType({ description: 'An official not yet in the directory, created on the spot when nominated.' })
export class NewNomineeInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field({ description: 'Matched like createPerson: someone whose address I may read is that person.' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field(() => ID, { nullable: true, description: 'Their ministry or organisation.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @Field(() => LanguageEnum, { nullable: true, description: 'The network’s default language when omitted.' })
  @IsOptional()
  @IsString()
  preferredLanguage?: string;
}

@InputType({ description: 'Nominates an official for a training open for nominations.' })
export class NominateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  trainingId!: string;

  @Field(() => ID, { nullable: true, description: 'A person of the directory; or give `newPerson`.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  personId?: string;

  @Field(() => NewNomineeInput, {
    nullable: true,
    description: 'A new official, created in the directory (country: the member state) and nominated.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewNomineeInput)
  newPerson?: NewNomineeInput;

  @Field(() => String, { nullable: true, description: 'The member state (a focal point’s own by default).' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;
}
