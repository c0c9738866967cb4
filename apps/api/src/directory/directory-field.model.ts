import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import { FieldDefinition, FieldEntity, FieldType, FieldWithValue, formatFieldValue } from '@enlace/directory';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { DirectoryFieldEntityEnum, DirectoryFieldTypeEnum } from './directory.enums';

@ObjectType('DirectoryFieldChoice', { description: 'One value a CHOICE field may take.' })
export class DirectoryFieldChoiceModel {
  @Field({ description: 'The stored value (also accepted on input and in CSV files).' })
  key!: string;

  @Field(() => TranslatedTextModel)
  label!: TranslatedTextModel;
}

@ObjectType('DirectoryField', { description: "A custom field of a network's directory." })
export class DirectoryFieldModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => DirectoryFieldEntityEnum)
  entity!: FieldEntity;

  @Field({ description: 'Lower-case key, also the CSV column (beside the label in any language).' })
  key!: string;

  @Field(() => DirectoryFieldTypeEnum)
  type!: FieldType;

  @Field(() => TranslatedTextModel)
  label!: TranslatedTextModel;

  @Field(() => [DirectoryFieldChoiceModel], { description: 'The values of a CHOICE field (empty otherwise).' })
  choices!: DirectoryFieldChoiceModel[];

  @Field({ description: 'A value, once given, cannot be cleared; an imported new record must give one.' })
  required!: boolean;

  @Field(() => Int)
  position!: number;

  @Field(() => Int)
  version!: number;
}

@ObjectType('DirectoryFieldValue', { description: "A record's value of a network's custom field." })
export class DirectoryFieldValueModel {
  @Field(() => DirectoryFieldModel)
  field!: DirectoryFieldModel;

  @Field(() => String, {
    nullable: true,
    description: 'The value as text: YYYY-MM-DD for a date, the choice key for a choice; null when not set.',
  })
  value!: string | null;

  @Field(() => String, { nullable: true, description: 'The value as a reader sees it (a choice by its label).' })
  display!: string | null;
}

export function toDirectoryFieldModel(f: FieldDefinition, t: Translator): DirectoryFieldModel {
  return {
    id: f.id,
    networkId: f.networkId,
    entity: f.entity,
    key: f.key,
    type: f.type,
    label: toTranslatedText(f.label, t) as TranslatedTextModel,
    choices: f.choices.map((c) => ({ key: c.key, label: toTranslatedText(c.label, t) as TranslatedTextModel })),
    required: f.required,
    position: f.position,
    version: f.version,
  };
}

export function toDirectoryFieldValueModel(v: FieldWithValue, t: Translator): DirectoryFieldValueModel {
  return {
    field: toDirectoryFieldModel(v.field, t),
    value: v.value === null ? null : String(v.value),
    display: v.value === null ? null : formatFieldValue(v.field, v.value, t.lang),
  };
}
