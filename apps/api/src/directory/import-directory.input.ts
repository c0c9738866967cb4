import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class ImportDirectoryInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field({
    description:
      'The CSV file’s text (UTF-8). Larger files: POST /directory/imports. Dates are YYYY-MM-DD: ' +
      '`starts_on` is the first day the role is held; an end date is the first day it is no longer held.',
  })
  @IsString()
  @MaxLength(200_000)
  csv!: string;

  @Field(() => Boolean, { nullable: true, description: 'Only report what would happen (default true).' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
