import { Injectable } from '@nestjs/common';
import { Actor, requireAuthenticated, TransactionRunner } from '@enlace/core';
import { IdentityPersonalDataRepository } from './personal-data.repository';

/** Identity's part of a person's personal-data export (the door assembles every context's part). */
@Injectable()
export class IdentityPersonalDataService {
  constructor(
    private readonly rows: IdentityPersonalDataRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** What identity holds about the caller: account, sessions, resets, sign-ins, invitations. */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.rows.read(tx, actor.personId));
  }
}
