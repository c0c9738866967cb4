import type { DataSource } from 'typeorm';
import { AuditRepository, TransactionRunner } from '@enlace/core';
import { AgendaRepository } from '../agenda/agenda.repository';
import { AttendanceRepository } from '../attendance/attendance.repository';
import { CommuniqueRepository } from '../communique/communique.repository';
import { DecisionRepository } from '../decision/decision.repository';
import { MeetingRepository } from '../meeting/meeting.repository';
import { MinutesRepository } from '../minutes/minutes.repository';
import { MeetingsDemoRecords } from './meetings-demo-records';
import { MeetingsDemoSeedService } from './meetings-demo.service';

/** The meetings demo seed outside Nest (`npm run seed:demo` opens its own data source). */
export function createMeetingsDemoSeed(dataSource: DataSource): MeetingsDemoSeedService {
  return new MeetingsDemoSeedService(
    new TransactionRunner(dataSource),
    new MeetingRepository(dataSource),
    new AuditRepository(dataSource),
    new MeetingsDemoRecords(
      new AgendaRepository(dataSource),
      new AttendanceRepository(),
      new DecisionRepository(dataSource),
      new MinutesRepository(dataSource),
      new CommuniqueRepository(dataSource),
    ),
  );
}
