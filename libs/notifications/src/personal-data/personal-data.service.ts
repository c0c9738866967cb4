import { Injectable } from '@nestjs/common';
import { Actor, requireAuthenticated, TransactionRunner } from '@enlace/core';
import { NotificationsPersonalDataRepository } from './personal-data.repository';

/** Notifications' part of a person's personal-data export (the door assembles every context's part). */
@Injectable()
export class NotificationsPersonalDataService {
  constructor(
    private readonly rows: NotificationsPersonalDataRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The caller’s notifications, preferences and when their last digest was sent. */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.rows.read(tx, actor.personId));
  }
}
