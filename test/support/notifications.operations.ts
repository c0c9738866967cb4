import type { Operation } from './test-app';

/** Operation builders for notifications and notification preferences. */

export const NOTIFICATION_FIELDS = `id kind subjectType subjectId networkId title body language delivery createdAt readAt`;

export interface NotificationData {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  networkId: string | null;
  title: string;
  body: string;
  language: string;
  delivery: string;
  createdAt: string;
  readAt: string | null;
}

export const myNotifications = (
  variables: { first?: number; after?: string; unreadOnly?: boolean } = {},
): Operation => ({
  query: `query MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {
    myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount edges { cursor node { ${NOTIFICATION_FIELDS} } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`,
  variables,
});

export const unreadNotificationCount = (): Operation => ({ query: `{ unreadNotificationCount }` });

export const markNotificationRead = (id: string): Operation => ({
  query: `mutation MarkRead($id: ID!) { markNotificationRead(id: $id) { ${NOTIFICATION_FIELDS} } }`,
  variables: { id },
});

export const markAllNotificationsRead = (): Operation => ({ query: `mutation { markAllNotificationsRead }` });

export const myNotificationPreferences = (): Operation => ({
  query: `{ myNotificationPreferences { kind delivery isDefault } }`,
});

export const setNotificationPreference = (kind: string, delivery: string): Operation => ({
  query: `mutation SetPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) { kind delivery isDefault }
  }`,
  variables: { input: { kind, delivery } },
});
