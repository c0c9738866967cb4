import { RoleInvitationService } from '@enlace/meetings';
import { DAY_MS, defineJob, MINUTE_MS } from './job-definition';

/**
 * Daily at 00:05 UTC: terms dated for today when they were written (a designation starting today, an
 * end date falling on it) bring people into, or take them out of, the meetings still ahead that
 * invited their role, with the hooks' effects (decision 0019).
 */
export const ROLE_INVITATIONS = defineJob({
  name: 'role-invitations',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: DAY_MS, offsetMs: 5 * MINUTE_MS },
  service: RoleInvitationService,
  run: (invitations, slot, signal) => invitations.keepTermsOfDay(slot, signal),
});
