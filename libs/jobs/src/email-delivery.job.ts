import { EmailDeliveryService } from '@enlace/notifications';
import { defineJob } from './job-definition';

/**
 * Outbox delivery, every two seconds. Unlike the slot jobs, every worker process runs it: its claim
 * is per outbox row (`FOR UPDATE SKIP LOCKED` with a lease, see EmailDeliveryService), so workers
 * share the queue without ever holding the same message, and a killed worker's messages come back
 * after the lease instead of waiting for a whole job run to be declared dead.
 */
export const EMAIL_DELIVERY = defineJob({
  name: 'email-delivery',
  tickMs: 2_000,
  schedule: null,
  service: EmailDeliveryService,
  run: (delivery) => delivery.deliverDue(),
});
