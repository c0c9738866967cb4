import { Module } from '@nestjs/common';
import { IdentityModule } from '@enlace/identity';
import { CalendarFeedResolver } from './calendar-feed.resolver';
import { InvitationResolver } from './invitation.resolver';
import { MeResolver } from './me.resolver';
import { PasswordResetResolver } from './password-reset.resolver';
import { SessionResolver } from './session.resolver';

/** Identity's doors: sign-in and sessions, `me`, invitations, password resets, calendar feed links. */
@Module({
  imports: [IdentityModule],
  providers: [SessionResolver, MeResolver, InvitationResolver, PasswordResetResolver, CalendarFeedResolver],
})
export class IdentityApiModule {}
