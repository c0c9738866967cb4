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
import { AccountRepository } from './accounts/account.repository';
import { AccountService } from './accounts/account.service';
import { BootstrapAdminService } from './accounts/bootstrap-admin.service';
import { PasswordHasher } from './accounts/password-hasher';
import { InvitationRepository } from './invitations/invitation.repository';
import { InvitationService } from './invitations/invitation.service';
import { PasswordResetRepository } from './invitations/password-reset.repository';
import { PasswordResetService } from './invitations/password-reset.service';
import { EmailOutboxRepository } from './outbox/email-outbox.repository';
import { RateLimitRepository } from './rate-limit/rate-limit.repository';
import { RateLimiter } from './rate-limit/rate-limiter';
import { ActorService } from './sessions/actor.service';
import { SessionEntity } from './sessions/session.entity';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { AuditLogService } from './audit/audit-log.service';
import { MembershipRepository } from './networks/membership.repository';
import { MembershipService } from './networks/membership.service';
import { NetworkRepository } from './networks/network.repository';
import { NetworkService } from './networks/network.service';
import { CredentialsMaintenanceRepository } from './maintenance/credentials-maintenance.repository';
import { CredentialsMaintenanceService } from './maintenance/credentials-maintenance.service';

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
  providers: [
    SessionRepository,
    ActorService,
    PasswordHasher,
    AccountRepository,
    AccountService,
    BootstrapAdminService,
    RateLimitRepository,
    RateLimiter,
    SessionService,
    EmailOutboxRepository,
    InvitationRepository,
    InvitationService,
    PasswordResetRepository,
    PasswordResetService,
    NetworkRepository,
    NetworkService,
    MembershipRepository,
    MembershipService,
    AuditLogService,
    CredentialsMaintenanceRepository,
    CredentialsMaintenanceService,
  ],
  exports: [
    ActorService,
    PasswordHasher,
    AccountService,
    BootstrapAdminService,
    SessionService,
    InvitationService,
    PasswordResetService,
    RateLimitRepository,
    NetworkService,
    MembershipService,
    AuditLogService,
    CredentialsMaintenanceService,
  ],
})
export class IdentityModule {}
