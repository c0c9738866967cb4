import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CredentialsMaintenanceService } from '@enlace/identity';

/** Hourly: deletes expired sessions, used reset links, dead invitations and old rate-limit windows. */
@Injectable()
export class CredentialsPurgeJob {
  private readonly logger = new Logger(CredentialsPurgeJob.name);

  constructor(private readonly maintenance: CredentialsMaintenanceService) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'credentials-purge' })
  async run(): Promise<void> {
    try {
      const counts = await this.maintenance.purgeExpired();
      this.logger.log(`purged expired credentials ${JSON.stringify(counts)}`);
    } catch (error) {
      this.logger.error(`credentials purge failed: ${String(error)}`);
    }
  }
}
