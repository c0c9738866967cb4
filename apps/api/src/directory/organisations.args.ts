import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ORGANISATION_TYPES, OrganisationType } from '@enlace/directory';
import { PageArgs } from '../graphql/models/page.args';
import { OrganisationTypeEnum } from './directory.enums';

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => OrganisationTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ORGANISATION_TYPES])
  type?: OrganisationType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentId?: string;
}
