import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { destroyDataSource } from './data-source.factory';

/** Closes the embedded PGlite (if any) after the pool, so its files are flushed before exit. */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await destroyDataSource(this.dataSource);
  }
}
