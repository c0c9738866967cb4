import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_PAGE_SIZE } from '@enlace/core';

/** `first` (≤ 100) and `after` for any list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 0 to ${MAX_PAGE_SIZE} (default 20).` })
  @IsOptional()
  @IsInt()
  first?: number; // the range (0..100) is checked by pageRequest() in every service, with one message

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last edge already received.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}
