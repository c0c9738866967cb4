import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import type { Tx } from './transaction.runner';

type Callback = () => void;

/**
 * Runs callbacks after the outermost transaction of a `tx` commits (dropped if it rolls back), through
 * TypeORM's transaction events; at once when `tx` is in no transaction. The `LiveBus` uses it so that
 * what a service publishes inside its transaction goes out only once it exists for everyone.
 */
@Injectable()
export class AfterCommitRepository implements OnModuleInit, EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Callback[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  afterCommit(tx: Tx, callback: Callback): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) {
      callback();
      return;
    }
    const list = this.pending.get(runner) ?? [];
    list.push(callback);
    this.pending.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released; the transaction goes on
    const list = this.pending.get(runner);
    this.pending.delete(runner);
    for (const callback of list ?? []) callback();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }
}
