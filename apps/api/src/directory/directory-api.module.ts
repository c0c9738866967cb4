import { Module } from '@nestjs/common';
import { DirectoryModule } from '@enlace/directory';
import { IdentityModule } from '@enlace/identity';
import { AuthModule } from '../auth/auth.module';
import { AuditLogResolver } from './audit-log.resolver';
import { MembershipsResolver } from './memberships.resolver';
import { NetworksResolver } from './networks.resolver';
import { CountriesResolver } from './countries.resolver';
import { DirectorySearchResolver } from './directory-search.resolver';
import { DirectoryController } from './directory.controller';
import { DirectoryFieldsResolver, OrganisationFieldsResolver, PersonFieldsResolver } from './directory-fields.resolver';
import { ImportResolver } from './import.resolver';
import { MemberStatesResolver, NetworkDirectoryResolver } from './member-states.resolver';
import { OrganisationsResolver } from './organisations.resolver';
import { PeopleResolver } from './people.resolver';
import { RelationshipsController } from './relationships.controller';
import { RelationshipsResolver } from './relationships.resolver';
import { TermEndsWatcher } from './term-ends.watcher';

/**
 * The directory's doors: networks, partners, memberships and their audit log, countries,
 * organisations, people, relationships, member states, search, CSV import and export; and the
 * watcher that takes planned ends of terms off open sockets when their day begins.
 */
@Module({
  imports: [DirectoryModule, IdentityModule, AuthModule],
  controllers: [DirectoryController, RelationshipsController],
  providers: [
    NetworksResolver,
    MembershipsResolver,
    AuditLogResolver,
    CountriesResolver,
    OrganisationsResolver,
    PeopleResolver,
    MemberStatesResolver,
    NetworkDirectoryResolver,
    RelationshipsResolver,
    DirectorySearchResolver,
    ImportResolver,
    DirectoryFieldsResolver,
    PersonFieldsResolver,
    OrganisationFieldsResolver,
    TermEndsWatcher,
  ],
})
export class DirectoryApiModule {}
