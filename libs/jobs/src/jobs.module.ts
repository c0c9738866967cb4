import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { IdentityModule } from '@enlace/identity';
import { CredentialsPurgeJob } from './credentials-purge.job';

/**
 * Scheduled work. Composed by apps/worker and, in the embedded single-process mode, by the api
 * (docs/decisions/0006). Jobs are doors: each calls one service. Exactly-once claims per scheduled
 * slot come with the notifications issue; the jobs here are idempotent.
 */
@Module({
  imports: [ScheduleModule.forRoot(), IdentityModule],
  providers: [CredentialsPurgeJob],
})
export class JobsModule {}
