import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { HOST_ROLES, HostRole } from '@enlace/meetings';
import { HostRoleEnum } from './meetings.enums';

@InputType({ description: 'A member state hosting, co-hosting or chairing the meeting.' })
export class MeetingHostInput {
  @Field()
  @IsString()
  @MaxLength(2)
  countryCode!: string;

  @Field(() => HostRoleEnum)
  @IsIn([...HOST_ROLES])
  role!: HostRole;
}
