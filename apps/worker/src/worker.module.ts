import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@enlace/core';
import { JobsModule } from '@enlace/jobs';
import { MIGRATIONS } from '@enlace/migrations';
import { MeetingChannelsModule } from './meeting-channels.module';
import { WorkerLiveRelay } from './worker-live-relay';

/**
 * The worker process: the shared kernel, the scheduled jobs, the meeting-channel seam their
 * invitation changes need, and the relay of their live signals; no HTTP.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot({ config, migrations: MIGRATIONS }), MeetingChannelsModule, JobsModule],
      providers: [WorkerLiveRelay],
    };
  }
}
