import type { EmailSubject } from '../rendering/email-renderer';
import { notificationIdsOf } from '../rendering/email-renderer';
import { NotificationSubjects, textsOf } from '../rendering/notification-subjects';
import { EmailQueueRepository } from './email-queue.repository';

/**
 * The subjects of the notifications these outbox rows render, as they are now (two statements for
 * any number of rows: the notifications, then each subject type's source); undefined when none.
 */
export async function emailSubjects(
  queue: EmailQueueRepository,
  subjects: NotificationSubjects,
  rows: readonly { readonly params: Readonly<Record<string, unknown>> }[],
): Promise<Map<string, EmailSubject> | undefined> {
  const ids = [...new Set(rows.flatMap((row) => notificationIdsOf(row.params)))];
  if (ids.length === 0) return undefined;
  const refs = await queue.notificationSubjects(ids);
  const loaded = await subjects.load([...refs.values()]);
  const out = new Map<string, EmailSubject>();
  for (const [id, ref] of refs) {
    const texts = textsOf(loaded, ref);
    if (texts) out.set(id, { texts, timeZone: ref.timeZone });
  }
  return out;
}
