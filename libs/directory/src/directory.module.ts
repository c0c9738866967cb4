import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@enlace/identity';
import { NotificationsModule } from '@enlace/notifications';
import { CountryEntity } from './countries/country.entity';
import { CountryRepository } from './countries/country.repository';
import { CountryService } from './countries/country.service';
import { MemberStateEntity } from './memberships/member-state.entity';
import { DirectoryDemoRepository } from './demo/directory-demo.repository';
import { DirectoryDemoSeedService } from './demo/directory-demo.service';
import { ExportService } from './exports/export.service';
import { ImportRepository } from './imports/import.repository';
import { DirectoryImporter, ImportService } from './imports/import.service';
import { FocalPointRepository } from './memberships/focal-point.repository';
import { FocalPointService } from './memberships/focal-point.service';
import { VacancyAlertRepository } from './memberships/vacancy-alert.repository';
import { VacancyAlertService } from './memberships/vacancy-alert.service';
import { OrganisationEntity } from './organisations/organisation.entity';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationService } from './organisations/organisation.service';
import { PersonContactEntity } from './people/person-contact.entity';
import { PersonRepository } from './people/person.repository';
import { PersonService } from './people/person.service';
import { RelationshipEntity } from './relationships/relationship.entity';
import { RelationshipRepository } from './relationships/relationship.repository';
import { RelationshipService } from './relationships/relationship.service';

export const DIRECTORY_ENTITIES = [
  CountryEntity,
  MemberStateEntity,
  OrganisationEntity,
  PersonContactEntity,
  RelationshipEntity,
];

export const DIRECTORY_REPOSITORIES = [
  CountryRepository,
  FocalPointRepository,
  OrganisationRepository,
  PersonRepository,
  RelationshipRepository,
  ImportRepository,
  DirectoryDemoRepository,
  VacancyAlertRepository,
];

export const DIRECTORY_SERVICES = [
  CountryService,
  FocalPointService,
  OrganisationService,
  PersonService,
  RelationshipService,
  DirectoryImporter,
  ImportService,
  ExportService,
  DirectoryDemoSeedService,
  VacancyAlertService,
];

/** The focal-point directory: countries, member states, organisations, people, terms, relationships. */
@Module({
  imports: [TypeOrmModule.forFeature(DIRECTORY_ENTITIES), IdentityModule, NotificationsModule],
  providers: [...DIRECTORY_REPOSITORIES, ...DIRECTORY_SERVICES],
  exports: DIRECTORY_SERVICES,
})
export class DirectoryModule {}
