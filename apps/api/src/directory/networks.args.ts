import { ArgsType, Field } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { NETWORK_KINDS, NetworkKind } from '@enlace/directory';
import { PageArgs } from '../graphql/models/page.args';
import { NetworkKindEnum } from './networks.enums';

@ArgsType()
export class NetworksArgs extends PageArgs {
  @Field(() => NetworkKindEnum, { nullable: true })
  @IsOptional()
  @IsIn([...NETWORK_KINDS])
  kind?: NetworkKind;
}
