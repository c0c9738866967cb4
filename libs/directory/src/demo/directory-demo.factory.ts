import type { DataSource } from 'typeorm';
import { AuditRepository, I18nService, TransactionRunner } from '@enlace/core';
import { ImportRepository } from '../imports/import.repository';
import { DirectoryImporter } from '../imports/import.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { DirectoryDemoRepository } from './directory-demo.repository';
import { DirectoryDemoSeedService } from './directory-demo.service';

/**
 * The demo seed outside Nest (`npm run seed:demo` opens its own data source): the same classes the
 * module provides, wired by hand.
 */
export function createDirectoryDemoSeed(dataSource: DataSource, i18n: I18nService): DirectoryDemoSeedService {
  const transactions = new TransactionRunner(dataSource);
  const audit = new AuditRepository(dataSource);
  const importer = new DirectoryImporter(
    new ImportRepository(),
    new OrganisationRepository(dataSource),
    transactions,
    audit,
    i18n,
  );
  return new DirectoryDemoSeedService(transactions, new DirectoryDemoRepository(), importer, audit);
}
