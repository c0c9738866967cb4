import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { TranslationInput } from '../graphql/models/translation.input';

/** A translatable field of an input: one TranslationInput per language (validated nested). */
export function Translations(options: { nullable?: boolean } = {}): PropertyDecorator {
  return (target, key) => {
    Field(() => [TranslationInput], { nullable: options.nullable })(target, key);
    if (options.nullable) IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(LANGUAGES.length)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => TranslationInput)(target, key);
  };
}
