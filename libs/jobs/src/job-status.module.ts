import { Module } from '@nestjs/common';
import { JobClaimRepository } from './runner/job-claim.repository';
import { JobLagService } from './runner/job-lag.service';

/**
 * What `job_run` tells about the jobs, without running any: the claims' repository (for the runner)
 * and the lag of each slot job. Imported by `JobsModule`, and by the api's metrics wherever the jobs
 * run (the worker beside it, or the api itself in the embedded mode).
 */
@Module({
  providers: [JobClaimRepository, JobLagService],
  exports: [JobClaimRepository, JobLagService],
})
export class JobStatusModule {}
