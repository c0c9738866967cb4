import { Injectable } from '@nestjs/common';
import { Actor, requireAuthenticated, TransactionRunner } from '@enlace/core';
import { ChannelsPersonalDataRepository } from './personal-data.repository';

/** Channels' part of a person's personal-data export (the door assembles every context's part). */
@Injectable()
export class ChannelsPersonalDataService {
  constructor(
    private readonly rows: ChannelsPersonalDataRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The caller's channels, messages (with their earlier versions) and reactions. */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.rows.read(tx, actor.personId));
  }
}
