import { Module } from '@nestjs/common';
import { IdentityPersonalDataRepository } from './personal-data/personal-data.repository';
import { IdentityPersonalDataService } from './personal-data/personal-data.service';
import { DirectoryModule } from '@enlace/directory';
import { NotificationsModule } from '@enlace/notifications';
import { AccountRepository } from './accounts/account.repository';
import { AccountService } from './accounts/account.service';
import { BootstrapAdminService } from './accounts/bootstrap-admin.service';
import { PasswordHasher } from './accounts/password-hasher';
import { InvitationRepository } from './invitations/invitation.repository';
import { InvitationService } from './invitations/invitation.service';
import { PasswordResetRepository } from './password-resets/password-reset.repository';
import { PasswordResetService } from './password-resets/password-reset.service';
import { RateLimitRepository } from './rate-limit/rate-limit.repository';
import { RateLimiter } from './rate-limit/rate-limit.service';
import { SignInAddressRepository } from './rate-limit/sign-in-address.repository';
import { CalendarFeedRepository } from './calendar-feeds/calendar-feed.repository';
import { CalendarFeedService } from './calendar-feeds/calendar-feed.service';
import { ActorService } from './sessions/actor.service';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { CredentialsMaintenanceRepository } from './maintenance/credentials-maintenance.repository';
import { CredentialsMaintenanceService } from './maintenance/credentials-maintenance.service';

/**
 * Accounts, sessions, invitations, password resets and rate limits. People, networks and
 * memberships belong to the directory (called inside identity's transactions); e-mails go through
 * the notifications' outbox.
 */
@Module({
  imports: [DirectoryModule, NotificationsModule],
  providers: [
    SessionRepository,
    CalendarFeedRepository,
    CalendarFeedService,
    ActorService,
    PasswordHasher,
    AccountRepository,
    AccountService,
    BootstrapAdminService,
    RateLimitRepository,
    SignInAddressRepository,
    RateLimiter,
    SessionService,
    InvitationRepository,
    InvitationService,
    IdentityPersonalDataRepository,
    IdentityPersonalDataService,
    PasswordResetRepository,
    PasswordResetService,
    CredentialsMaintenanceRepository,
    CredentialsMaintenanceService,
  ],
  exports: [
    ActorService,
    CalendarFeedService,
    PasswordHasher,
    AccountService,
    BootstrapAdminService,
    SessionService,
    InvitationService,
    PasswordResetService,
    CredentialsMaintenanceService,
    IdentityPersonalDataService,
    RateLimiter,
  ],
})
export class IdentityModule {}
