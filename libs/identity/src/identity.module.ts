import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEntity } from './accounts/account.entity';
import { PersonEntity } from './accounts/person.entity';
import { InvitationEntity } from './invitations/invitation.entity';
import { PasswordResetEntity } from './invitations/password-reset.entity';
import { MembershipEntity } from './networks/membership.entity';
import { NetworkPartnerEntity } from './networks/network-partner.entity';
import { NetworkEntity } from './networks/network.entity';
import { EmailOutboxEntity } from './outbox/email-outbox.entity';
import { ActorService } from './sessions/actor.service';
import { SessionEntity } from './sessions/session.entity';
import { SessionRepository } from './sessions/session.repository';

export const IDENTITY_ENTITIES = [
  PersonEntity,
  AccountEntity,
  SessionEntity,
  NetworkEntity,
  NetworkPartnerEntity,
  MembershipEntity,
  InvitationEntity,
  PasswordResetEntity,
  EmailOutboxEntity,
];

/** Accounts, sessions, invitations, networks, memberships and the permission matrix. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  providers: [SessionRepository, ActorService],
  exports: [ActorService],
})
export class IdentityModule {}
