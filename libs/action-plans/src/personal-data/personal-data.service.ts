import { Injectable } from '@nestjs/common';
import { Actor, requireAuthenticated, TransactionRunner } from '@enlace/core';
import { ActionPlansPersonalDataRepository } from './personal-data.repository';

/** Action plans' part of a person's personal-data export (the door assembles every context's part). */
@Injectable()
export class ActionPlansPersonalDataService {
  constructor(
    private readonly rows: ActionPlansPersonalDataRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The plans the caller created, the actions they are named for, the progress reports they wrote. */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.rows.read(tx, actor.personId));
  }
}
