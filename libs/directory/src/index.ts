import type { Type } from '@nestjs/common';
import { MembershipService as Memberships } from './memberships/membership.service';
import { NetworkService as Networks } from './networks/network.service';
import { PersonService as People } from './people/person.service';

export * from './directory.module';
export * from './directory-rules';
export { NETWORK_KINDS } from './networks/network.entity';
export type { Network, NetworkKind } from './networks/network.entity';
export { checkRoleAndMemberState, SLUG_MAX_LENGTH, SLUG_PATTERN } from './networks/network-rules';
export type { NetworkValues, SeededNetwork, SeededNetworkFields } from './networks/network.repository';
export {
  DESCRIPTION_MAX_LENGTH,
  NAME_MAX_LENGTH,
  networkSnapshot,
  type CreateNetworkCommand,
  type ListNetworksCommand,
  type UpdateNetworkCommand,
} from './networks/network.service';
export type { Membership, Term } from './memberships/membership.entity';
export { membershipSnapshot, termSnapshot } from './memberships/membership.entity';
export type { MembershipListRow, PersonName } from './memberships/membership.repository';
export {
  handoverError,
  type AddMembershipCommand,
  type EndMembershipCommand,
  type Handover,
  type ListMembershipsCommand,
  type OpenTermArgs,
  type PlannedTerms,
} from './memberships/membership.service';
export * from './audit/audit-log.service';
export * from './countries/regions';
export type { Country } from './countries/country.repository';
export * from './countries/country.service';
export type { Organisation } from './organisations/organisation.repository';
export * from './organisations/organisation.service';
export type { DirectoryPerson } from './people/person.entity';
export type { PersonContact } from './people/person.repository';
export * from './people/person-rules';
export {
  ERASED_NAME,
  type CreatedPerson,
  type CreatePersonCommand,
  type UpdatePersonCommand,
} from './people/person.service';
export * from './people/person-search.service';
// Someone's audience keys as SQL, for checks made on their behalf without a request (an organiser's role invitation kept current).
export { readerKeysSql } from './people/person.visibility';
export type { MemberState } from './memberships/member-state.repository';
export * from './memberships/focal-point.service';
export * from './memberships/vacancy-alert.service';
export * from './memberships/term-hooks';
export type { Relationship } from './relationships/relationship.repository';
export type { RelationshipFilter } from './relationships/relationship.repository';
export * from './relationships/relationship.service';
export * from './relationships/relationship-graph.service';
export * from './fields/field-rules';
export * from './fields/field.service';
export * from './imports/import.service';
export type { ImportReport, ImportRowReport, RowOutcome } from './imports/import-report';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, IMPORT_COLUMNS } from './imports/import-csv';
export type { FileError } from './imports/import-csv';
export * from './exports/export.service';
export * from './demo/demo-data';
export * from './demo/directory-demo';
export * from './demo/directory-demo.service';
export { createDirectoryDemoSeed, createDirectoryTrustedWriter } from './demo/directory-demo.factory';

// The services other contexts and the doors see: actor-checked methods only. Their trusted writers
// (terms opened by id, account people, seeded networks, bulk term plans) are reached through
// `DirectoryTrustedWriter`, which ESLint keeps to identity, the jobs and the apps (docs/architecture.md,
// "Trusted writers"). Same classes at run time (Nest injects them by class), narrower types.
export { DirectoryTrustedWriter, type TrustedWrite } from './trusted/directory-trusted-writer';
export type MembershipService = Omit<
  Memberships,
  | 'open'
  | 'endAllOf'
  | 'lockSeats'
  | 'openTermsOfNetwork'
  | 'applyPlannedTerms'
  | 'openTermOf'
  | 'currentTermOf'
  | 'termStartingOn'
  | 'linkSuccessors'
>;
export const MembershipService: Type<MembershipService> = Memberships;
export type PersonService = Omit<People, 'createForAccount' | 'updateNameAndLanguage'>;
export const PersonService: Type<PersonService> = People;
export type NetworkService = Omit<Networks, 'seed' | 'seedPartnership'>;
export const NetworkService: Type<NetworkService> = Networks;
