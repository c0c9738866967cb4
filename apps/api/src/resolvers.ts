import { HealthResolver } from './health/health.resolver';
import { InvitationResolver } from './identity/invitation.resolver';
import { MeResolver } from './identity/me.resolver';
import { PasswordResetResolver } from './identity/password-reset.resolver';
import { SessionResolver } from './identity/session.resolver';
import { AuditLogResolver } from './networks/audit-log.resolver';
import { MembershipsResolver } from './networks/memberships.resolver';
import { NetworksResolver } from './networks/networks.resolver';

/** Every resolver of the API, also used to print `schema.gql` without a database. */
export const RESOLVERS = [
  HealthResolver,
  SessionResolver,
  MeResolver,
  InvitationResolver,
  PasswordResetResolver,
  NetworksResolver,
  MembershipsResolver,
  AuditLogResolver,
];
