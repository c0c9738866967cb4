import type { DataSource } from 'typeorm';
import { AuditRepository, TransactionRunner } from '@enlace/core';
import { createDirectoryTrustedWriter } from '@enlace/directory';
import { PasswordHasher } from '../accounts/password-hasher';
import { DemoSeedRepository } from './demo-seed.repository';
import { DemoSeedService } from './demo-seed.service';

/**
 * The demo seed outside Nest (`npm run seed:demo` opens its own data source): the same classes the
 * modules provide, wired by hand, the directory's owners of networks, people and memberships included.
 */
export function createDemoSeed(dataSource: DataSource): DemoSeedService {
  return new DemoSeedService(
    new TransactionRunner(dataSource),
    new DemoSeedRepository(),
    new AuditRepository(dataSource),
    new PasswordHasher(),
    createDirectoryTrustedWriter(dataSource),
  );
}
