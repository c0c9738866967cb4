import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EmailDeliveryService } from '@enlace/notifications';

/** How often each worker looks for due email. */
export const EMAIL_DELIVERY_INTERVAL_MS = 2_000;

/**
 * Outbox delivery. Unlike the slot jobs, every worker process runs it: its claim is per outbox row
 * (`FOR UPDATE SKIP LOCKED` with a lease, see EmailDeliveryService), so workers share the queue
 * without ever holding the same message, and a killed worker's messages come back after the lease
 * instead of waiting for a whole job run to be declared dead.
 */
@Injectable()
export class EmailDeliveryJob {
  private readonly logger = new Logger(EmailDeliveryJob.name);
  private running = false;

  constructor(private readonly delivery: EmailDeliveryService) {}

  @Interval('email-delivery', EMAIL_DELIVERY_INTERVAL_MS)
  async tick(): Promise<void> {
    if (this.running) return; // the previous tick is still sending: never two loops in one process
    this.running = true;
    try {
      const counts = await this.delivery.deliverDue();
      if (counts.sent + counts.failed + counts.deferred + counts.logged > 0) {
        this.logger.log(`email delivery ${JSON.stringify(counts)}`);
      }
    } catch (error) {
      this.logger.error(`email delivery failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
