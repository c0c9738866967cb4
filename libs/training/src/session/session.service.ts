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
  Tx,
} from '@enlace/core';
import { TrainingRow } from '../training/training.entity';
import { TrainingService } from '../training/training.service';
import { checkSessionTimes, MAX_SESSIONS } from '../training-rules';
import { SessionRow } from './session.entity';
import { SessionRepository, SessionValues } from './session.repository';

export interface SessionCommand {
  readonly start: string;
  readonly end: string;
  readonly moduleIds: readonly string[];
  readonly place?: string | null;
  readonly trainerIds?: readonly string[] | null;
}

/** A session as changed, with its training (as read at the change). */
export interface SessionChange {
  readonly training: TrainingRow;
  readonly session: SessionRow;
}

/**
 * Sessions of a training (SPEC §4.2): each covers one or more modules of the training's curriculum
 * version, within the training's dates (local times in its zone), at one of its places, with some of
 * its trainers. Those who run the training (its secretariat, its assigned trainers: RUN_TRAININGS)
 * add, change and remove them until it has completed; a session with attendance recorded stays.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly trainings: TrainingService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async add(actor: Actor, command: SessionCommand & { trainingId: string }): Promise<SessionChange> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const training = await this.runnable(tx, actor, command.trainingId);
      if ((await this.sessions.count(tx, training.id)) >= MAX_SESSIONS) {
        throw DomainError.conflict('training:tooManySessions', { max: MAX_SESSIONS });
      }
      const checked = await this.check(tx, training, command);
      const id = await this.sessions.insert(tx, training.id, checked.values);
      await this.sessions.setModules(tx, id, checked.moduleIds);
      await this.sessions.setTrainers(tx, id, checked.trainerIds);
      const created = (await this.sessions.find(tx, id)) as SessionRow;
      await this.record(tx, actor, training, created, 'create', null);
      return { training, session: created };
    });
  }

  async update(
    actor: Actor,
    command: SessionCommand & { sessionId: string; expectedVersion: number },
  ): Promise<SessionChange> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const { training, session } = await this.load(tx, actor, command.sessionId);
      if (session.version !== command.expectedVersion) throw DomainError.conflict('training:staleVersion');
      const checked = await this.check(tx, training, command);
      await this.sessions.update(tx, session.id, checked.values);
      await this.sessions.setModules(tx, session.id, checked.moduleIds);
      await this.sessions.setTrainers(tx, session.id, checked.trainerIds);
      const updated = (await this.sessions.find(tx, session.id)) as SessionRow;
      await this.record(tx, actor, training, updated, 'update', session);
      return { training, session: updated };
    });
  }

  /** Removes a session; the training as it now stands. */
  async remove(actor: Actor, command: { sessionId: string; expectedVersion: number }): Promise<TrainingRow> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const { training, session } = await this.load(tx, actor, command.sessionId);
      if (session.version !== command.expectedVersion) throw DomainError.conflict('training:staleVersion');
      if (session.recorded > 0) throw DomainError.conflict('training:sessionHasAttendance');
      await this.sessions.delete(tx, session.id);
      await this.record(tx, actor, training, session, 'delete', session);
      return this.trainings.get(actor, training.id, tx);
    });
  }

  /** The sessions of a training the actor reads (everyone who reads the training). Batched per request. */
  forTraining(loaders: RequestLoaders, training: TrainingRow): Promise<SessionRow[]> {
    return loaders
      .get(
        'training.sessions',
        () =>
          new DataLoader<string, SessionRow[]>(async (ids) => {
            const rows = await this.sessions.ofTrainings(ids);
            return ids.map((id) => rows.filter((r) => r.trainingId === id));
          }),
      )
      .load(training.id);
  }

  /**
   * A session and its training, locked, for a change by someone who runs the training: a session of
   * a training the actor may not read is missing; one they read but may not run is FORBIDDEN.
   */
  async load(
    tx: Tx,
    actor: Actor,
    sessionId: unknown,
    options: { forAttendance?: boolean } = {},
  ): Promise<{ training: TrainingRow; session: SessionRow }> {
    if (!isUuid(sessionId)) throw DomainError.notFound();
    const found = await this.sessions.find(tx, sessionId);
    if (!found) throw DomainError.notFound();
    const training = await this.runnable(tx, actor, found.trainingId, options);
    const session = await this.sessions.find(tx, sessionId, true);
    if (!session) throw DomainError.notFound();
    return { training, session };
  }

  private async runnable(
    tx: Tx,
    actor: Actor,
    trainingId: string,
    options: { forAttendance?: boolean } = {},
  ): Promise<TrainingRow> {
    const training = await this.trainings.get(actor, trainingId, tx, true);
    if (!this.trainings.canRun(actor, training)) throw DomainError.forbidden();
    if (training.status === 'COMPLETED' || training.status === 'CANCELLED') {
      throw DomainError.conflict('training:finished');
    }
    if (options.forAttendance && training.status !== 'RUNNING') {
      throw DomainError.conflict('training:notRunning');
    }
    return training;
  }

  private async check(
    tx: Tx,
    training: TrainingRow,
    command: SessionCommand,
  ): Promise<{ values: SessionValues; moduleIds: string[]; trainerIds: string[] }> {
    const errors: FieldError[] = [];
    const times = checkSessionTimes(command, training);
    errors.push(...times.errors);
    const moduleIds = [...new Set(command.moduleIds ?? [])];
    if (moduleIds.length === 0) errors.push({ field: 'moduleIds', key: 'training:sessionNeedsModule' });
    else if (
      moduleIds.some((id) => !isUuid(id)) ||
      (await this.sessions.modulesOf(tx, training.curriculumVersionId, moduleIds)).length !== moduleIds.length
    ) {
      errors.push({ field: 'moduleIds', key: 'training:unknownModules' });
    }
    const place = command.place?.trim() || null;
    if (place !== null && !training.places.includes(place)) {
      errors.push({ field: 'place', key: 'training:unknownPlace', params: { places: training.places.join(' · ') } });
    }
    if (place === null && training.format === 'IN_PERSON') {
      errors.push({ field: 'place', key: 'training:sessionPlaceRequired' });
    }
    const trainerIds = [...new Set(command.trainerIds ?? [])];
    if (trainerIds.some((id) => !training.trainerIds.includes(id))) {
      errors.push({ field: 'trainerIds', key: 'training:notTrainers' });
    }
    throwIfAny(errors);
    return {
      values: { startsAt: times.startsAt as Date, endsAt: times.endsAt as Date, place },
      moduleIds,
      trainerIds,
    };
  }

  private record(
    tx: Tx,
    actor: Actor,
    training: TrainingRow,
    after: SessionRow,
    action: string,
    before: SessionRow | null,
  ): Promise<void> {
    const shape = (s: SessionRow) => ({
      trainingId: s.trainingId,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      place: s.place,
      moduleIds: s.moduleIds,
      trainerIds: s.trainerIds,
    });
    return this.audit.record(tx, actor, {
      networkId: training.networkId,
      entityType: 'training_session',
      entityId: after.id,
      action,
      before: before ? shape(before) : null,
      after: action === 'delete' ? null : shape(after),
    });
  }
}
