import type { DataSource } from 'typeorm';
import { AuditRepository, TransactionRunner } from '@enlace/core';
import { MeetingRepository } from '../meeting/meeting.repository';
import { MeetingsDemoSeedService } from './meetings-demo.service';

/** The meetings demo seed outside Nest (`npm run seed:demo` opens its own data source). */
export function createMeetingsDemoSeed(dataSource: DataSource): MeetingsDemoSeedService {
  return new MeetingsDemoSeedService(
    new TransactionRunner(dataSource),
    new MeetingRepository(dataSource),
    new AuditRepository(dataSource),
  );
}
