import { Injectable } from '@nestjs/common';
import { Actor, requireAuthenticated, TransactionRunner } from '@enlace/core';
import { MeetingsPersonalDataRepository } from './personal-data.repository';

/** Meetings' part of a person's personal-data export (the door assembles every context's part). */
@Injectable()
export class MeetingsPersonalDataService {
  constructor(
    private readonly rows: MeetingsPersonalDataRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The meetings the caller was invited to, with their answers. */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.rows.read(tx, actor.personId));
  }
}
