import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FIELD_ENTITIES, FIELD_TYPES, FieldEntity, FieldType } from '@enlace/directory';
import { TranslationInput } from '../graphql/models/translation.input';
import { DirectoryFieldEntityEnum, DirectoryFieldTypeEnum } from './directory.enums';

@InputType()
export class DirectoryFieldChoiceInput {
  @Field()
  @IsString()
  @MaxLength(40)
  key!: string;

  @Field(() => [TranslationInput])
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  @ArrayMaxSize(4)
  label!: TranslationInput[];
}

@InputType({ description: 'Defines a custom field, or changes one with the same key (its type stays).' })
export class DefineDirectoryFieldInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => DirectoryFieldEntityEnum)
  @IsIn([...FIELD_ENTITIES])
  entity!: FieldEntity;

  @Field({ description: 'Lower-case letters, digits and _, starting with a letter (at most 40).' })
  @IsString()
  @MaxLength(40)
  key!: string;

  @Field(() => DirectoryFieldTypeEnum)
  @IsIn([...FIELD_TYPES])
  type!: FieldType;

  @Field(() => [TranslationInput])
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  @ArrayMaxSize(4)
  label!: TranslationInput[];

  @Field(() => [DirectoryFieldChoiceInput], { nullable: true, description: 'Required for CHOICE, refused otherwise.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DirectoryFieldChoiceInput)
  @ArrayMaxSize(100)
  choices?: DirectoryFieldChoiceInput[];

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @IsInt()
  position?: number;
}

@InputType()
export class DirectoryFieldValueInput {
  @Field()
  @IsString()
  @MaxLength(40)
  key!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Text; a number; a date YYYY-MM-DD; a choice by key or label. Null or empty clears it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  value?: string | null;
}

@InputType({ description: "Sets values of a network's custom fields on one person or one organisation." })
export class SetDirectoryFieldValuesInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  personId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;

  @Field(() => [DirectoryFieldValueInput])
  @ValidateNested({ each: true })
  @Type(() => DirectoryFieldValueInput)
  @ArrayMaxSize(50)
  values!: DirectoryFieldValueInput[];
}
