import { Injectable } from '@nestjs/common';
import { Actor, requireAuthenticated, TransactionRunner } from '@enlace/core';
import { TrainingPersonalDataRepository } from './personal-data.repository';

/** Training's part of a person's personal-data export (the door assembles every context's part). */
@Injectable()
export class TrainingPersonalDataService {
  constructor(
    private readonly rows: TrainingPersonalDataRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The caller’s enrolments, attendance and certificates, and the trainings and sessions they give as a trainer. */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.rows.read(tx, actor.personId));
  }
}
