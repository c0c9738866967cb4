import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor, AuditRepository, DomainError, requirePerson, TransactionRunner, Tx } from '@enlace/core';
import { SessionRepository } from '../session/session.repository';
import { TrainingRow } from '../training/training.entity';
import { TrainingRepository } from '../training/training.repository';
import { TrainingService } from '../training/training.service';
import { EvaluatedEnrolment, CompletionRepository } from './completion.repository';

/**
 * Told, inside the completing transaction, which enrolments completed a training (certificates are
 * issued here: provide `TRAINING_COMPLETION_LISTENER` in TrainingModule). A throw rolls the whole
 * completion back.
 */
export interface TrainingCompletionListener {
  onCompleted(tx: Tx, actor: Actor, training: TrainingRow, completed: readonly EvaluatedEnrolment[]): Promise<void>;
}

export const TRAINING_COMPLETION_LISTENER = Symbol('TrainingCompletionListener');

export interface CompletionOutcome {
  readonly training: TrainingRow;
  /** Every seated enrolment evaluated, COMPLETED or not (with its reason). */
  readonly evaluated: readonly EvaluatedEnrolment[];
  readonly completedEnrolmentIds: readonly string[];
}

/**
 * Completion (SPEC §4.2, issue 12 item 4): the secretariat completes a RUNNING training; in the same
 * transaction every seated enrolment is evaluated against the training's rule (all required modules
 * attended, or a minimum share of its sessions) in SQL, COMPLETED or kept (ATTENDED, or CONFIRMED if
 * never present) with the reason, and the completion listener hears of those who completed.
 */
@Injectable()
export class CompletionService {
  constructor(
    private readonly completion: CompletionRepository,
    private readonly trainings: TrainingService,
    private readonly trainingRows: TrainingRepository,
    private readonly sessions: SessionRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    @Optional() @Inject(TRAINING_COMPLETION_LISTENER) private readonly listener: TrainingCompletionListener | null,
  ) {}

  async complete(actor: Actor, command: { trainingId: string; expectedVersion: number }): Promise<CompletionOutcome> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const current = await this.trainings.get(actor, command.trainingId, tx, true);
      if (!this.trainings.canManage(actor, current)) throw DomainError.forbidden();
      if (current.version !== command.expectedVersion) throw DomainError.conflict('training:staleVersion');
      if (current.status !== 'RUNNING') {
        throw DomainError.badInput([
          { field: 'status', key: 'training:illegalTransition', params: { from: current.status, to: 'COMPLETED' } },
        ]);
      }
      if ((await this.sessions.count(tx, current.id)) === 0) throw DomainError.conflict('training:noSessions');
      const evaluated = await this.completion.evaluate(tx, current.id);
      await this.trainingRows.markCompleted(tx, current.id);
      const completed = evaluated.filter((e) => e.status === 'COMPLETED');
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'training',
        entityId: current.id,
        action: 'status:COMPLETED',
        before: { status: current.status },
        after: {
          status: 'COMPLETED',
          completionRule: current.completionRule,
          minSessionShare: current.completionMinShare,
          completed: completed.length,
          notCompleted: evaluated.length - completed.length,
        },
      });
      await this.audit.recordMany(
        tx,
        actor,
        evaluated.map((e) => ({
          networkId: current.networkId,
          entityType: 'enrolment',
          entityId: e.enrolmentId,
          action: 'evaluate',
          after: { trainingId: current.id, personId: e.personId, status: e.status, reason: e.reason },
        })),
      );
      const training = await this.trainings.get(actor, current.id, tx);
      // The certificate hook: those who completed, in this transaction.
      if (this.listener && completed.length > 0) await this.listener.onCompleted(tx, actor, training, completed);
      return { training, evaluated, completedEnrolmentIds: completed.map((e) => e.enrolmentId) };
    });
  }
}
