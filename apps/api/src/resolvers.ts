import { CountriesResolver } from './directory/countries.resolver';
import { DirectorySearchResolver } from './directory/directory-search.resolver';
import { ImportResolver } from './directory/import.resolver';
import { MemberStatesResolver, NetworkDirectoryResolver } from './directory/member-states.resolver';
import { OrganisationsResolver } from './directory/organisations.resolver';
import { PeopleResolver } from './directory/people.resolver';
import { RelationshipsResolver } from './directory/relationships.resolver';
import { ChannelsResolver } from './channels/channels.resolver';
import { HealthResolver } from './health/health.resolver';
import { InvitationResolver } from './identity/invitation.resolver';
import { MeResolver } from './identity/me.resolver';
import { PasswordResetResolver } from './identity/password-reset.resolver';
import { SessionResolver } from './identity/session.resolver';
import { AuditLogResolver } from './networks/audit-log.resolver';
import { MembershipsResolver } from './networks/memberships.resolver';
import { NetworksResolver } from './networks/networks.resolver';
import { NotificationsResolver } from './notifications/notifications.resolver';

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
  ChannelsResolver,
  CountriesResolver,
  OrganisationsResolver,
  PeopleResolver,
  MemberStatesResolver,
  NetworkDirectoryResolver,
  RelationshipsResolver,
  DirectorySearchResolver,
  ImportResolver,
  NotificationsResolver,
];
