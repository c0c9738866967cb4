/**
 * Every kind of notification some code produces, with how it is delivered unless the person chose
 * otherwise (preferences offer exactly these). A kind needs `notifications:kinds.<kind>.{name,title,body}`
 * in every language (the locales test checks parity). A context that lands later adds its kinds here
 * with the code that produces them (overdue actions, training deadlines), never before.
 *
 * - `membershipAdded`, `membershipEnded`: the person whose term opened or ended (addMembership,
 *   endMembership, a designation, a handover, an import, an accepted invitation);
 * - `termChanged`: the network's secretariat, of a term opened, ended or handed over by someone else;
 * - `directoryImported`: the network's secretariat, one per applied import that changed terms;
 * - `invitationAccepted`: whoever sent the invitation;
 * - `vacancyAlert`: the secretariat, daily; `mentioned`: a person a channel message mentions;
 * - `meetingScheduled`, `meetingRescheduled`, `meetingCancelled`, `meetingInvitation`, `meetingReminder`,
 *   `meetingRsvpChase`, `meetingCloseReminder`: a meeting's invitees and its secretariat (libs/meetings);
 * - `meetingDelegated`: the alternate to whom a focal point handed their meeting invitation.
 * - `meetingUninvited`: someone whose invitation to a scheduled meeting was withdrawn;
 * - `minutesCirculated`: each representative of a member state present, asked to sign off the minutes;
 *   `minutesApproved`: a meeting's invitees, once its minutes are approved;
 * - `trainingConfirmed`, `trainingWaitlisted`, `trainingPromoted`, `trainingWithdrawn`, `trainingCancelled`: a nominee, of where their nomination stands
 *   (libs/training); `trainingDeadlineReminder` (focal points whose state nominated nobody),
 *   `trainingStartReminder` (the confirmed), `trainingAttendanceReminder` (a session's trainers).
 *   (libs/training).
 * - `certificateIssued`, `certificateRevoked`: the holder of a training certificate, issued when the
 *   training completed, or revoked by the secretariat (libs/training).
 * - `planCommentMention`: a person a comment on an action plan mentions, when they may read the plan
 *   (libs/action-plans).
 * - `planActionAssigned`, `planActionUnassigned`: a person named responsible for a plan's action (and so
 *   one of its country team), and the one they replace or who was removed; `planCopiedForState`: a
 *   state's focal point and alternate, of a plan copied from a template for their state (libs/action-plans).
 */
export const NOTIFICATION_KINDS = {
  membershipAdded: { defaultDelivery: 'EMAIL' },
  membershipEnded: { defaultDelivery: 'IN_APP' },
  termChanged: { defaultDelivery: 'IN_APP' },
  directoryImported: { defaultDelivery: 'IN_APP' },
  invitationAccepted: { defaultDelivery: 'IN_APP' },
  vacancyAlert: { defaultDelivery: 'EMAIL' },
  meetingReminder: { defaultDelivery: 'EMAIL' },
  meetingScheduled: { defaultDelivery: 'EMAIL' },
  meetingRescheduled: { defaultDelivery: 'EMAIL' },
  meetingCancelled: { defaultDelivery: 'EMAIL' },
  meetingInvitation: { defaultDelivery: 'EMAIL' },
  meetingRsvpChase: { defaultDelivery: 'EMAIL' },
  meetingCloseReminder: { defaultDelivery: 'IN_APP' },
  meetingDelegated: { defaultDelivery: 'EMAIL' },
  meetingUninvited: { defaultDelivery: 'EMAIL' },
  minutesCirculated: { defaultDelivery: 'EMAIL' },
  minutesApproved: { defaultDelivery: 'EMAIL' },
  trainingConfirmed: { defaultDelivery: 'EMAIL' },
  trainingWaitlisted: { defaultDelivery: 'EMAIL' },
  trainingPromoted: { defaultDelivery: 'EMAIL' },
  trainingWithdrawn: { defaultDelivery: 'EMAIL' },
  trainingCancelled: { defaultDelivery: 'EMAIL' },
  trainingDeadlineReminder: { defaultDelivery: 'EMAIL' },
  trainingStartReminder: { defaultDelivery: 'EMAIL' },
  trainingAttendanceReminder: { defaultDelivery: 'EMAIL' },
  certificateIssued: { defaultDelivery: 'EMAIL' },
  certificateRevoked: { defaultDelivery: 'EMAIL' },
  mentioned: { defaultDelivery: 'IN_APP' },
  noticeReminder: { defaultDelivery: 'EMAIL' },
  planActionOverdue: { defaultDelivery: 'EMAIL' },
  planIndicatorDue: { defaultDelivery: 'EMAIL' },
  planIndicatorOverdue: { defaultDelivery: 'EMAIL' },
  planWeeklyDigest: { defaultDelivery: 'EMAIL' },
  planMonthlySummary: { defaultDelivery: 'EMAIL' },
  planCommentMention: { defaultDelivery: 'IN_APP' },
  planActionAssigned: { defaultDelivery: 'EMAIL' },
  planActionUnassigned: { defaultDelivery: 'EMAIL' },
  planCopiedForState: { defaultDelivery: 'EMAIL' },
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
