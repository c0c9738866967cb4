import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ChannelsModule } from '@enlace/channels';
import { JobClaimRepository, ScheduledJobRunner } from '@enlace/core';
import { DirectoryModule } from '@enlace/directory';
import { IdentityModule } from '@enlace/identity';
import { NotificationsModule } from '@enlace/notifications';
import { ChannelRetentionJob } from './channel-retention.job';
import { CredentialsPurgeJob } from './credentials-purge.job';
import { DailyDigestJob } from './daily-digest.job';
import { EmailDeliveryJob } from './email-delivery.job';
import { VacancyAlertJob } from './vacancy-alert.job';

/**
 * Scheduled work. Composed by apps/worker and, in the embedded single-process mode, by the api
 * (docs/decisions/0007). Jobs are doors: each claims its `(job, slot)` in `job_run` through
 * `ScheduledJobRunner`, then calls one service. Outbox delivery claims per row instead.
 */
@Module({
  imports: [ScheduleModule.forRoot(), IdentityModule, DirectoryModule, NotificationsModule, ChannelsModule],
  providers: [
    JobClaimRepository,
    ScheduledJobRunner,
    CredentialsPurgeJob,
    ChannelRetentionJob,
    DailyDigestJob,
    EmailDeliveryJob,
    VacancyAlertJob,
  ],
  exports: [ScheduledJobRunner],
})
export class JobsModule {}
