import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  DomainError,
  FieldError,
  isUuid,
  RequestLoaders,
  requirePerson,
  throwIfAny,
  TransactionRunner,
} from '@enlace/core';
import { EnrolmentService } from '../enrolment/enrolment.service';
import { SessionRow } from '../session/session.entity';
import { SessionService } from '../session/session.service';
import { TrainingRow } from '../training/training.entity';
import { ATTENDANCE_STATUSES, ATTENDING, AttendanceStatus, MAX_ATTENDANCE_ENTRIES } from '../training-rules';
import { AttendanceRepository, AttendanceRow } from './attendance.repository';

export interface AttendanceEntryCommand {
  readonly personId: string;
  readonly status: string;
}

/**
 * Attendance per session (SPEC §4.2): those who run a training (its secretariat, its assigned
 * trainers) record PRESENT, ABSENT or EXCUSED for enrolled people (confirmed or attended), in bulk,
 * while it runs and once the session has begun; a later entry corrects an earlier one. The first
 * presence moves an enrolment CONFIRMED → ATTENDED (and a correction that leaves none moves it back).
 * All or nothing: one bad entry refuses the whole list, with each bad entry named.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly sessions: SessionService,
    private readonly enrolments: EnrolmentService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async record(
    actor: Actor,
    command: { sessionId: string; entries: readonly AttendanceEntryCommand[] },
  ): Promise<{ training: TrainingRow; session: SessionRow }> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const { training, session } = await this.sessions.load(tx, actor, command.sessionId, { forAttendance: true });
      if (session.startsAt.getTime() > Date.now()) throw DomainError.conflict('training:sessionNotStarted');
      const entries = command.entries ?? [];
      const errors: FieldError[] = [];
      if (entries.length === 0) errors.push({ field: 'entries', key: 'training:noEntries' });
      if (entries.length > MAX_ATTENDANCE_ENTRIES) {
        errors.push({ field: 'entries', key: 'training:tooManyEntries', params: { max: MAX_ATTENDANCE_ENTRIES } });
      }
      throwIfAny(errors);
      const personIds = [...new Set(entries.map((e) => e.personId).filter((id) => isUuid(id)))];
      const enrolled = new Map(
        (await this.attendance.enrolmentsOf(tx, training.id, personIds)).map((e) => [e.personId, e]),
      );
      const seen = new Set<string>();
      const rows: { enrolmentId: string; personId: string; status: AttendanceStatus }[] = [];
      entries.forEach((entry, i) => {
        const enrolment = isUuid(entry.personId) ? enrolled.get(entry.personId) : undefined;
        if (!ATTENDANCE_STATUSES.includes(entry.status as AttendanceStatus)) {
          errors.push({ field: `entries.${i}.status`, key: 'validation:invalidValue' });
        }
        if (!enrolment || !ATTENDING.includes(enrolment.status)) {
          // Not enrolled, not holding a seat, or not someone this network may see: one answer for all.
          errors.push({ field: `entries.${i}.personId`, key: 'training:notEnrolled' });
        } else if (seen.has(enrolment.id)) {
          errors.push({ field: `entries.${i}.personId`, key: 'training:duplicateEntry' });
        } else {
          seen.add(enrolment.id);
          rows.push({
            enrolmentId: enrolment.id,
            personId: enrolment.personId,
            status: entry.status as AttendanceStatus,
          });
        }
      });
      throwIfAny(errors);

      const before = new Map((await this.attendance.ofSession(tx, session.id)).map((a) => [a.enrolmentId, a.status]));
      await this.attendance.upsert(tx, session.id, rows, me);
      const moved = new Map(
        (
          await this.attendance.syncStatuses(
            tx,
            rows.map((r) => r.enrolmentId),
          )
        ).map((m) => [m.id, m.status]),
      );
      const changed = rows.filter((r) => before.get(r.enrolmentId) !== r.status);
      await this.audit.recordMany(
        tx,
        actor,
        changed.map((r) => ({
          networkId: training.networkId,
          entityType: 'training_attendance',
          entityId: r.enrolmentId,
          action: before.has(r.enrolmentId) ? 'correct' : 'record',
          before: before.has(r.enrolmentId) ? { sessionId: session.id, status: before.get(r.enrolmentId) } : null,
          after: {
            trainingId: training.id,
            sessionId: session.id,
            personId: r.personId,
            status: r.status,
            ...(moved.has(r.enrolmentId) ? { enrolmentStatus: moved.get(r.enrolmentId) } : {}),
          },
        })),
      );
      return { training, session: (await this.sessions.load(tx, actor, session.id)).session };
    });
  }

  /**
   * Attendance at a session, of the enrolments the actor may read (all for those who run the
   * training, their state's for a focal point, their own otherwise). Batched per request.
   */
  async forSession(
    actor: Actor,
    loaders: RequestLoaders,
    training: TrainingRow,
    session: SessionRow,
  ): Promise<AttendanceRow[]> {
    const readable = new Set((await this.enrolments.forTraining(actor, loaders, training)).map((e) => e.id));
    const all = await this.ofTraining(loaders, training.id);
    return all.filter((a) => a.sessionId === session.id && readable.has(a.enrolmentId));
  }

  /** Attendance of one enrolment the actor already reads. Batched per request. */
  async forEnrolment(loaders: RequestLoaders, enrolment: { id: string; trainingId: string }): Promise<AttendanceRow[]> {
    return (await this.ofTraining(loaders, enrolment.trainingId)).filter((a) => a.enrolmentId === enrolment.id);
  }

  private ofTraining(loaders: RequestLoaders, trainingId: string): Promise<AttendanceRow[]> {
    return loaders
      .get(
        'training.attendance',
        () =>
          new DataLoader<string, AttendanceRow[]>(async (ids) => {
            const rows = await this.attendance.ofTrainings(ids);
            return ids.map((id) => rows.filter((r) => r.trainingId === id));
          }),
      )
      .load(trainingId);
  }
}
