import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A unit of work. Services receive it and hand it to repositories; only repositories use what is
 * inside (STYLE rule 3).
 */
export type Tx = EntityManager;

/** Opens transactions for services, so that services never touch TypeORM themselves. */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
