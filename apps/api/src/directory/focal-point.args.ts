import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SeatArgs } from './seat.args';

@ArgsType()
export class FocalPointArgs extends SeatArgs {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: who held the seat that day (today when left out).' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  on?: string;
}
