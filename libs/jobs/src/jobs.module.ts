import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { ActionPlansModule } from '@enlace/action-plans';
import { ChannelsModule } from '@enlace/channels';
import { MeetingsModule } from '@enlace/meetings';
import { DirectoryModule } from '@enlace/directory';
import { IdentityModule } from '@enlace/identity';
import { NotificationsModule } from '@enlace/notifications';
import { TrainingModule } from '@enlace/training';
import { JobScheduler } from './job-scheduler';
import { JobStatusModule } from './job-status.module';
import { JOBS } from './jobs';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';

export { JOBS };

/**
 * Scheduled work. Composed by apps/worker and, in the embedded single-process mode, by the api
 * (docs/decisions/0007). Jobs are doors: a slot job claims its `(job, slot)` in `job_run` through
 * `ScheduledJobRunner`, then calls one service; outbox delivery claims per row instead. Each job
 * ticks on an interval of its own, registered here when the application starts (and cleared by
 * the schedule module on shutdown); the slot comes from the database's clock, not from the tick.
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    JobStatusModule,
    IdentityModule,
    DirectoryModule,
    NotificationsModule,
    ChannelsModule,
    MeetingsModule,
    TrainingModule,
    ActionPlansModule,
  ],
  providers: [ScheduledJobRunner, JobScheduler],
  exports: [ScheduledJobRunner, JobScheduler],
})
export class JobsModule implements OnApplicationBootstrap {
  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly scheduler: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    for (const job of JOBS) {
      this.registry.addInterval(
        job.name,
        setInterval(() => void this.scheduler.tick(job), job.tickMs),
      );
    }
  }
}
