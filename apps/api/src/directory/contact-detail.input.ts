import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Visibility, VISIBILITIES } from '@enlace/core';
import { CONTACT_KINDS, ContactKind } from '@enlace/directory';
import { VisibilityEnum } from '../graphql/models/enums';
import { ContactKindEnum } from './directory.enums';

@InputType()
export class ContactDetailInput {
  @Field(() => ContactKindEnum)
  @IsIn([...CONTACT_KINDS])
  kind!: ContactKind;

  @Field()
  @IsString()
  @MaxLength(254)
  value!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "office", "mobile".' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  label?: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'NETWORK when left out.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}
