import { ArgsType, Field } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { REGIONS, Region } from '@enlace/directory';
import { PageArgs } from '../graphql/models/page.args';
import { RegionEnum } from './directory.enums';

@ArgsType()
export class CountriesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Words of the name in any of the four languages, or the code.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => RegionEnum, { nullable: true })
  @IsOptional()
  @IsIn([...REGIONS])
  region?: Region;
}
