import { Injectable } from '@nestjs/common';
import {
  Actor,
  cursorKey,
  DomainError,
  isUuid,
  LiveBus,
  personTimeZone,
  Page,
  pageRequest,
  requirePerson,
  toPage,
  type Tx,
} from '@enlace/core';
import { defaultDelivery, isNotificationKind, NotificationKind } from '../notifications-rules';
import { EmailQueueRepository } from '../outbox/email-queue.repository';
import { NotificationPreferenceRepository } from '../preferences/notification-preference.repository';
import { NotificationRenderer } from '../rendering/notification-renderer';
import { NotificationSubjects, SubjectTexts, textsOf } from '../rendering/notification-subjects';
import { NOTIFICATION_PUSH_EVENT, NotificationPush } from './notification-push';
import { NotificationRow, NotificationView } from './notification.entity';
import { NotificationRepository } from './notification.repository';

/** What another context asks for, inside the transaction of the change that causes it. */
export interface NotifyInput {
  readonly personId: string;
  readonly kind: NotificationKind;
  /** The record the notification is about (`{ type: 'membership', id }`). */
  readonly subject: { readonly type: string; readonly id: string };
  /** The network it happened in: its default language is the fallback of a missing translation. */
  readonly networkId?: string | null;
  /**
   * Template parameters. ISO dates are formatted for the reader; `role` and `memberState` codes are
   * also given as `roleName` and `memberStateName` in the reader's language.
   */
  readonly params?: Record<string, string | number>;
}

@Injectable()
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly outbox: EmailQueueRepository,
    private readonly renderer: NotificationRenderer,
    private readonly live: LiveBus,
    private readonly subjects: NotificationSubjects,
  ) {}

  /**
   * Records a notification for one person in the caller's transaction, as their preference for the
   * kind says: nothing (`OFF`), in the app, in the app and by email at once (an outbox row in the same
   * transaction), or in the app and in the next daily digest. Returns the notification id, or null.
   * The person's open sockets are told (`notification:new`) once the caller's transaction commits.
   */
  async notify(tx: Tx, input: NotifyInput): Promise<string | null> {
    if (!isNotificationKind(input.kind)) throw new Error(`unknown notification kind ${String(input.kind)}`);
    const delivery = (await this.preferences.find(tx, input.personId, input.kind)) ?? defaultDelivery(input.kind);
    if (delivery === 'OFF') return null;
    const recipient = await this.notifications.recipient(tx, input.personId);
    if (!recipient) throw new Error(`notification for unknown person ${input.personId}`);
    const networkId = input.networkId ?? null;
    const params = input.params ?? {};
    const created = await this.notifications.insert(tx, {
      personId: input.personId,
      kind: input.kind,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      networkId,
      params,
      delivery,
    });
    if (delivery === 'EMAIL' && recipient.email) {
      await this.outbox.enqueue(tx, {
        recipient: recipient.email,
        language: recipient.language,
        template: 'notification',
        params: {
          notificationId: created.id,
          kind: input.kind,
          networkId,
          values: params,
          networkLanguage: networkId ? await this.notifications.networkLanguage(tx, networkId) : null,
          timeZone: recipient.timeZone,
        },
      });
    }
    const push: NotificationPush = {
      id: created.id,
      kind: input.kind,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      createdAt: created.createdAt.toISOString(),
    };
    this.live.toPerson(input.personId, NOTIFICATION_PUSH_EVENT, push, tx);
    return created.id;
  }

  /**
   * Many notifications at once, each as `notify` would record it (the person's preference, an
   * e-mail when it says EMAIL, a live push once `tx` commits), in a bounded number of statements
   * however many there are: a bulk change (an import of thousands of rows) tells everyone it
   * concerns without a round trip per person. Returns the ids recorded.
   */
  async notifyEach(tx: Tx, inputs: readonly NotifyInput[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    for (const input of inputs) {
      if (!isNotificationKind(input.kind)) throw new Error(`unknown notification kind ${String(input.kind)}`);
    }
    const chosen = await this.preferences.findMany(tx, inputs);
    const recipients = await this.notifications.recipients(
      tx,
      inputs.map((i) => i.personId),
    );
    const kept = inputs
      .map((input) => ({
        input,
        delivery: chosen.get(`${input.personId}:${input.kind}`) ?? defaultDelivery(input.kind),
        recipient: recipients.get(input.personId),
      }))
      .filter((n) => n.delivery !== 'OFF' && n.recipient !== undefined);
    const created = await this.notifications.insertMany(
      tx,
      kept.map(({ input, delivery }) => ({
        personId: input.personId,
        kind: input.kind,
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        networkId: input.networkId ?? null,
        params: input.params ?? {},
        delivery: delivery as Exclude<typeof delivery, 'OFF'>,
      })),
    );
    const emailed = kept
      .map((n, i) => ({ ...n, created: created[i] }))
      .filter((n) => n.delivery === 'EMAIL' && n.recipient?.email);
    const languages = await this.notifications.networkLanguages(
      tx,
      emailed.flatMap((n) => (n.input.networkId ? [n.input.networkId] : [])),
    );
    await this.outbox.enqueueMany(
      tx,
      emailed.map(({ input, recipient, created: row }) => ({
        recipient: recipient!.email as string,
        language: recipient!.language,
        template: 'notification',
        params: {
          notificationId: row.id,
          kind: input.kind,
          networkId: input.networkId ?? null,
          values: input.params ?? {},
          networkLanguage: input.networkId ? (languages.get(input.networkId) ?? null) : null,
          timeZone: recipient!.timeZone,
        },
      })),
    );
    kept.forEach(({ input }, i) => {
      const push: NotificationPush = {
        id: created[i].id,
        kind: input.kind,
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        createdAt: created[i].createdAt.toISOString(),
      };
      this.live.toPerson(input.personId, NOTIFICATION_PUSH_EVENT, push, tx);
    });
    return created.map((c) => c.id);
  }

  /** The same notification for several people (each with their own preference and language). */
  async notifyMany(tx: Tx, personIds: readonly string[], input: Omit<NotifyInput, 'personId'>): Promise<string[]> {
    const ids: string[] = [];
    for (const personId of new Set(personIds)) {
      const id = await this.notify(tx, { ...input, personId });
      if (id) ids.push(id);
    }
    return ids;
  }

  /**
   * Whether a notification of `kind` about `subject` was recorded at or after `since`, so that a job
   * retried after a crash does not notify twice for the same slot.
   */
  notifiedSince(
    tx: Tx,
    kind: NotificationKind,
    subject: { readonly type: string; readonly id: string },
    since: Date,
  ): Promise<boolean> {
    return this.notifications.existsSince(tx, kind, subject, since);
  }

  async list(
    actor: Actor,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  ): Promise<Page<NotificationView>> {
    const personId = requirePerson(actor);
    const request = pageRequest(args);
    const key = cursorKey(request.after, ['timestamp', 'uuid'] as const);
    const after = key && { createdAt: key[0], id: key[1] };
    const { rows, totalCount } = await this.notifications.page(personId, {
      first: request.first,
      after,
      unreadOnly: args.unreadOnly ?? false,
    });
    const page = toPage(rows, request, (r) => [r.createdAt.toISOString(), r.id], totalCount);
    const subjects = await this.subjects.load(page.items);
    return { ...page, items: page.items.map((row) => this.view(row, textsOf(subjects, row))) };
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.notifications.unreadCount(requirePerson(actor));
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const personId = requirePerson(actor);
    if (!isUuid(id)) throw DomainError.notFound();
    const row = await this.notifications.markRead(personId, id);
    if (!row) throw DomainError.notFound(); // someone else's is answered like a missing one
    return this.view(row, textsOf(await this.subjects.load([row]), row));
  }

  markAllRead(actor: Actor): Promise<number> {
    return this.notifications.markAllRead(requirePerson(actor));
  }

  /** The notification rendered now: its network's name and its subject's texts as they are today. */
  private view(row: NotificationRow, subject?: SubjectTexts): NotificationView {
    const rendered = this.renderer.render(row.kind, row.params, row.language, row.networkLanguage, {
      networkName: row.networkName,
      timeZone: personTimeZone(row.timeZone, row.countryCode),
      subject: subject?.({ language: row.language, networkLanguage: row.networkLanguage, timeZone: row.timeZone }),
    });
    return {
      id: row.id,
      kind: row.kind,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      networkId: row.networkId,
      title: rendered.title,
      body: rendered.body,
      language: row.language,
      delivery: row.delivery,
      createdAt: row.createdAt,
      readAt: row.readAt,
    };
  }
}
