import type { DataSource } from 'typeorm';
import { AuditRepository, I18nService, LiveBus, TransactionRunner } from '@enlace/core';
import { ImportRepository } from '../imports/import.repository';
import { DirectoryImporter } from '../imports/directory-importer.service';
import { ImportFileReader } from '../imports/import-file-reader';
import { ImportMatcher } from '../imports/import-matcher';
import { ImportWriter } from '../imports/import-writer';
import { MembershipRepository } from '../memberships/membership.repository';
import { MembershipService } from '../memberships/membership.service';
import { TermHooks } from '../memberships/term-hooks';
import { TermNoticeRepository } from '../memberships/term-notice.repository';
import { TermNoticeService } from '../memberships/term-notice.service';
import { NetworkRepository } from '../networks/network.repository';
import { NetworkService } from '../networks/network.service';
import { PersonRepository } from '../people/person.repository';
import { PersonService } from '../people/person.service';
import { FieldRepository } from '../fields/field.repository';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { DirectoryTrustedWriter } from '../trusted/directory-trusted-writer';
import { DirectoryDemoRepository } from './directory-demo.repository';
import { DirectoryDemoSeedService } from './directory-demo.service';

/** The seeds' notices: changes made by the system tell no one (no notification service to wire). */
class SeedTermNotices extends TermNoticeService {
  constructor() {
    super(undefined as never, new TermNoticeRepository());
  }
  override async opened(): Promise<void> {}
  override async ended(): Promise<void> {}
  override async imported(): Promise<void> {}
}

/** The owners wired by hand; other contexts get only `writer` and the actor-checked `people` (see index.ts). */
export interface DirectoryOwners {
  readonly networks: NetworkService;
  readonly people: PersonService;
  readonly memberships: MembershipService;
  readonly writer: DirectoryTrustedWriter;
}

/**
 * The owners of networks, people and memberships outside Nest (`npm run seed:demo` opens its own
 * data source, and so does identity's demo seed): the same classes the module provides, wired by hand.
 */
export function createDirectoryOwners(dataSource: DataSource): DirectoryOwners {
  const transactions = new TransactionRunner(dataSource);
  const audit = new AuditRepository(dataSource);
  const live = new LiveBus();
  const networks = new NetworkService(new NetworkRepository(dataSource), transactions, audit, live);
  const memberships = new MembershipService(
    new MembershipRepository(dataSource),
    networks,
    transactions,
    audit,
    live,
    new SeedTermNotices(),
    new TermHooks(),
  );
  const organisations = new OrganisationRepository(dataSource);
  const people = new PersonService(
    new PersonRepository(dataSource),
    organisations,
    memberships,
    networks,
    transactions,
    audit,
  );
  return { networks, people, memberships, writer: new DirectoryTrustedWriter(memberships, people, networks) };
}

/** The trusted writer outside Nest (identity's demo seed, `npm run seed:demo`). */
export function createDirectoryTrustedWriter(dataSource: DataSource): DirectoryTrustedWriter {
  return createDirectoryOwners(dataSource).writer;
}

/**
 * The demo seed outside Nest (`npm run seed:demo` opens its own data source): the same classes the
 * module provides, wired by hand.
 */
export function createDirectoryDemoSeed(dataSource: DataSource, i18n: I18nService): DirectoryDemoSeedService {
  const transactions = new TransactionRunner(dataSource);
  const audit = new AuditRepository(dataSource);
  const { memberships } = createDirectoryOwners(dataSource);
  const imports = new ImportRepository();
  const fields = new FieldRepository(dataSource);
  const importer = new DirectoryImporter(
    new ImportFileReader(i18n),
    new ImportMatcher(imports, new OrganisationRepository(dataSource), fields, memberships),
    new ImportWriter(imports, fields, memberships, audit, new PersonRepository(dataSource)),
    imports,
    fields,
    memberships,
    transactions,
  );
  return new DirectoryDemoSeedService(transactions, new DirectoryDemoRepository(), importer, memberships, audit);
}
