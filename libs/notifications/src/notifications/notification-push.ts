/** The live event a person's open sockets receive for each new notification of theirs (SPEC §5). */
export const NOTIFICATION_PUSH_EVENT = 'notification:new';

/**
 * What `notification:new` carries: which notification, never its text (clients fetch the rendered
 * title and body over GraphQL, in their own language).
 */
export interface NotificationPush {
  readonly id: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
}
