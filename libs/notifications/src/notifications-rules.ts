/**
 * Every kind of notification, with how it is delivered unless the person chose otherwise. A kind
 * needs `notifications:kinds.<kind>.{name,title,body}` in every language (the locales test checks
 * parity). Contexts that land later add their kinds here.
 */
export const NOTIFICATION_KINDS = {
  membershipAdded: { defaultDelivery: 'EMAIL' },
  membershipEnded: { defaultDelivery: 'IN_APP' },
  invitationAccepted: { defaultDelivery: 'IN_APP' },
  vacancyAlert: { defaultDelivery: 'EMAIL' },
  meetingReminder: { defaultDelivery: 'EMAIL' },
  meetingScheduled: { defaultDelivery: 'EMAIL' },
  meetingRescheduled: { defaultDelivery: 'EMAIL' },
  meetingCancelled: { defaultDelivery: 'EMAIL' },
  meetingInvitation: { defaultDelivery: 'EMAIL' },
  meetingRsvpChase: { defaultDelivery: 'EMAIL' },
  meetingCloseReminder: { defaultDelivery: 'IN_APP' },
  actionOverdue: { defaultDelivery: 'EMAIL' },
  trainingDeadline: { defaultDelivery: 'DIGEST' },
  mentioned: { defaultDelivery: 'IN_APP' },
} as const satisfies Record<string, { defaultDelivery: NotificationDelivery }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** How a person hears of a kind: only in the app, also by email at once, also in the daily digest, or not at all. */
export const NOTIFICATION_DELIVERIES = ['IN_APP', 'EMAIL', 'DIGEST', 'OFF'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_KINDS, value);
}

export function defaultDelivery(kind: NotificationKind): NotificationDelivery {
  return NOTIFICATION_KINDS[kind].defaultDelivery;
}
