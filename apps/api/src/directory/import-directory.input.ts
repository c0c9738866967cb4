import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class ImportDirectoryInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field({ description: 'The CSV file’s text (UTF-8). Larger files: POST /directory/imports.' })
  @IsString()
  @MaxLength(200_000)
  csv!: string;

  @Field(() => Boolean, { nullable: true, description: 'Only report what would happen (default true).' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
