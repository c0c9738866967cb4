import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@enlace/core';
import { JobsModule } from '@enlace/jobs';
import { MIGRATIONS } from '@enlace/migrations';

/** The worker process: the shared kernel and the scheduled jobs, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot({ config, migrations: MIGRATIONS }), JobsModule] };
  }
}
