import { Module } from '@nestjs/common';
import { NotificationsModule } from '@enlace/notifications';
import { CountryRepository } from './countries/country.repository';
import { CountryService } from './countries/country.service';
import { DirectoryDemoRepository } from './demo/directory-demo.repository';
import { DirectoryDemoSeedService } from './demo/directory-demo.service';
import { ExportService } from './exports/export.service';
import { FieldRepository } from './fields/field.repository';
import { FieldService } from './fields/field.service';
import { ImportRepository } from './imports/import.repository';
import { DirectoryImporter } from './imports/directory-importer.service';
import { ImportFileReader } from './imports/import-file-reader';
import { ImportMatcher } from './imports/import-matcher';
import { ImportWriter } from './imports/import-writer';
import { ImportService } from './imports/import.service';
import { AuditLogService } from './audit/audit-log.service';
import { FocalPointService } from './memberships/focal-point.service';
import { MemberStateRepository } from './memberships/member-state.repository';
import { MembershipRepository } from './memberships/membership.repository';
import { MembershipService } from './memberships/membership.service';
import { NetworkRepository } from './networks/network.repository';
import { NetworkService } from './networks/network.service';
import { VacancyAlertRepository } from './memberships/vacancy-alert.repository';
import { VacancyAlertService } from './memberships/vacancy-alert.service';
import { TermNoticeRepository } from './memberships/term-notice.repository';
import { TermHooks } from './memberships/term-hooks';
import { TermNoticeService } from './memberships/term-notice.service';
import { MembershipNoticeTexts } from './memberships/membership-notice-texts';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationService } from './organisations/organisation.service';
import { PersonSearchRepository } from './people/person-search.repository';
import { PersonSearchService } from './people/person-search.service';
import { PersonRepository } from './people/person.repository';
import { PersonService } from './people/person.service';
import { RelationshipRepository } from './relationships/relationship.repository';
import { RelationshipService } from './relationships/relationship.service';
import { RelationshipGraphService } from './relationships/relationship-graph.service';
import { DirectoryTrustedWriter } from './trusted/directory-trusted-writer';

export const DIRECTORY_REPOSITORIES = [
  NetworkRepository,
  MembershipRepository,
  CountryRepository,
  MemberStateRepository,
  OrganisationRepository,
  PersonRepository,
  PersonSearchRepository,
  RelationshipRepository,
  FieldRepository,
  ImportRepository,
  DirectoryDemoRepository,
  VacancyAlertRepository,
  TermNoticeRepository,
];

export const DIRECTORY_SERVICES = [
  NetworkService,
  MembershipService,
  AuditLogService,
  CountryService,
  FocalPointService,
  OrganisationService,
  PersonService,
  PersonSearchService,
  RelationshipService,
  RelationshipGraphService,
  FieldService,
  DirectoryImporter,
  ImportService,
  ExportService,
  DirectoryDemoSeedService,
  VacancyAlertService,
  DirectoryTrustedWriter,
  TermNoticeService,
  MembershipNoticeTexts,
  TermHooks,
];

/** The steps of `DirectoryImporter`: provided for it, exported to no one (the writer writes whatever plan it is given). */
const IMPORT_STEPS = [ImportFileReader, ImportMatcher, ImportWriter];

/**
 * The who's-who, sole owner of networks, partnerships, people and memberships: countries, member
 * states, organisations, people, terms and their handovers, relationships. Identity calls its
 * services inside its own transactions (accounts are people; invitations open terms).
 */
@Module({
  imports: [NotificationsModule],
  providers: [...DIRECTORY_REPOSITORIES, ...DIRECTORY_SERVICES, ...IMPORT_STEPS],
  exports: DIRECTORY_SERVICES,
})
export class DirectoryModule {}
