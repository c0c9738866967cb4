import { LiveBus, TransactionRunner } from '@enlace/core';
import {
  DigestService,
  EmailDeliveryService,
  NOTIFICATION_PUSH_EVENT,
  NotificationPush,
  NotificationService,
  NotifyInput,
} from '@enlace/notifications';
import { insertNetwork, SmtpTestServer, startSmtpTestServer } from '@enlace/testing';
import { signedInMember } from './support/members';
import {
  markAllNotificationsRead,
  markNotificationRead,
  myNotificationPreferences,
  myNotifications,
  NotificationData,
  setNotificationPreference,
  unreadNotificationCount,
} from './support/notifications.operations';
import { startTestApp, TestApp } from './support/test-app';

interface Person {
  personId: string;
  email: string;
  token: string;
}

type Page = {
  myNotifications: {
    totalCount: number;
    edges: { cursor: string; node: NotificationData }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('notifications', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let network: { id: string };
  let gaamac: { id: string };
  let lucia: Person;
  let claire: Person;
  /** What the LiveBus carried to people's sockets (`notification:new`), once committed. */
  const published: (NotificationPush & { personId: string })[] = [];

  const person = (name: string, preferredLanguage: string): Promise<Person> =>
    signedInMember(t, { name, preferredLanguage });
  /** Another context's change: here only the notification, in the change's own transaction. */
  const notify = (input: NotifyInput) =>
    t.app.get(TransactionRunner).run((tx) => t.app.get(NotificationService).notify(tx, input));
  const deliver = () => t.app.get(EmailDeliveryService).deliverDue();
  const membershipAdded = (who: Person, id = 'm-1'): NotifyInput => ({
    personId: who.personId,
    kind: 'membershipAdded',
    subject: { type: 'membership', id },
    networkId: network.id,
    params: { networkName: 'Red Latinoamericana', role: 'FOCAL_POINT', startsOn: '2026-03-01' },
  });

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://enlace.example.org' });
    t.app.get(LiveBus).subscribe((signal) => {
      if (signal.kind === 'emit' && signal.event === NOTIFICATION_PUSH_EVENT && 'personId' in signal.target) {
        published.push({ ...(signal.payload as NotificationPush), personId: signal.target.personId });
      }
    });
    network = await insertNetwork(t.dataSource, {
      defaultLanguage: 'es',
      workingLanguages: ['es', 'en'],
      name: { es: { text: 'Red Latinoamericana', status: 'ORIGINAL' } },
    });
    gaamac = await insertNetwork(t.dataSource, { name: { en: { text: 'GAAMAC', status: 'ORIGINAL' } } });
    lucia = await person('Lucía Fernández', 'es');
    claire = await person('Claire Morel', 'fr');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await deliver(); // what earlier tests left in the outbox
    smtp.received.length = 0;
    published.length = 0;
  });

  it('renders one notification in Spanish for one person and in French for another, in the app and by email', async () => {
    await notify(membershipAdded(lucia));
    await notify(membershipAdded(claire));

    // The recipient's preferred language, whatever the request's Accept-Language.
    const es = await t.gql<Page>(myNotifications(), { token: lucia.token, lang: 'en' });
    expect(es.body.errors).toBeUndefined();
    expect(es.body.data!.myNotifications.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: 'membershipAdded',
        subjectType: 'membership',
        subjectId: 'm-1',
        networkId: network.id,
        title: 'Su función en Red Latinoamericana',
        body: 'Desde el 1 de marzo de 2026, usted es punto focal en Red Latinoamericana.',
        language: 'es',
        delivery: 'EMAIL',
        readAt: null,
      }),
    ]);
    const fr = await t.gql<Page>(myNotifications(), { token: claire.token, lang: 'es' });
    expect(fr.body.data!.myNotifications.edges.map((e) => [e.node.title, e.node.body, e.node.language])).toEqual([
      [
        'Votre rôle au sein de Red Latinoamericana',
        'À partir du 1er mars 2026, vous êtes point focal au sein de Red Latinoamericana.',
        'fr',
      ],
    ]);
    expect(published.map((n) => n.personId)).toEqual([lucia.personId, claire.personId]);

    // The default for this kind is EMAIL: each got an email in their language, through SMTP.
    expect(await deliver()).toMatchObject({ sent: 2, failed: 0 });
    const byRecipient = new Map(smtp.received.map((m) => [m.to[0], m]));
    expect(byRecipient.get(lucia.email)).toMatchObject({
      subject: 'Su función en Red Latinoamericana',
      contentLanguage: 'es',
    });
    expect(byRecipient.get(lucia.email)!.text).toContain(
      'Desde el 1 de marzo de 2026, usted es punto focal en Red Latinoamericana.',
    );
    expect(byRecipient.get(lucia.email)!.html).toContain(
      'Desde el 1 de marzo de 2026, usted es punto focal en Red Latinoamericana.',
    );
    expect(byRecipient.get(claire.email)).toMatchObject({
      subject: 'Votre rôle au sein de Red Latinoamericana',
      contentLanguage: 'fr',
    });
    expect(byRecipient.get(claire.email)!.text).toContain('« Arrivée dans un réseau »');
  });

  it('counts unread notifications and marks them read, one or all; only your own', async () => {
    const start = await t.gql<{ unreadNotificationCount: number }>(unreadNotificationCount(), { token: lucia.token });
    await notify(membershipAdded(lucia, 'm-2'));
    await notify(membershipAdded(lucia, 'm-3'));
    const count = await t.gql<{ unreadNotificationCount: number }>(unreadNotificationCount(), { token: lucia.token });
    expect(count.body.data!.unreadNotificationCount).toBe(start.body.data!.unreadNotificationCount + 2);

    const page = await t.gql<Page>(myNotifications({ first: 1, unreadOnly: true }), { token: lucia.token });
    const newest = page.body.data!.myNotifications.edges[0].node;
    expect(newest.subjectId).toBe('m-3');
    expect(page.body.data!.myNotifications.pageInfo.hasNextPage).toBe(true);

    // Someone else's notification is answered like a missing one.
    const foreign = await t.gql(markNotificationRead(newest.id), { token: claire.token });
    expect(foreign.body.errors?.[0].extensions.code).toBe('NOT_FOUND');

    const read = await t.gql<{ markNotificationRead: NotificationData }>(markNotificationRead(newest.id), {
      token: lucia.token,
    });
    expect(read.body.data!.markNotificationRead.readAt).not.toBeNull();
    const again = await t.gql<{ markNotificationRead: NotificationData }>(markNotificationRead(newest.id), {
      token: lucia.token,
    });
    expect(again.body.data!.markNotificationRead.readAt).toBe(read.body.data!.markNotificationRead.readAt);

    const rest = await t.gql<Page>(
      myNotifications({ first: 10, after: page.body.data!.myNotifications.pageInfo.endCursor!, unreadOnly: true }),
      { token: lucia.token },
    );
    expect(rest.body.data!.myNotifications.edges.map((e) => e.node.subjectId)).not.toContain('m-3');

    const all = await t.gql<{ markAllNotificationsRead: number }>(markAllNotificationsRead(), { token: lucia.token });
    expect(all.body.data!.markAllNotificationsRead).toBe(start.body.data!.unreadNotificationCount + 1);
    const none = await t.gql<{ unreadNotificationCount: number }>(unreadNotificationCount(), { token: lucia.token });
    expect(none.body.data!.unreadNotificationCount).toBe(0);

    const anonymous = await t.gql(unreadNotificationCount());
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const badCursor = await t.gql(myNotifications({ after: 'nonsense' }), { token: lucia.token });
    expect(badCursor.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('records nothing — notification, email, push — when the change rolls back', async () => {
    const before = await t.gql<Page>(myNotifications(), { token: claire.token });
    await expect(
      t.app.get(TransactionRunner).run(async (tx) => {
        await t.app.get(NotificationService).notify(tx, membershipAdded(claire, 'rolled-back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.gql<Page>(myNotifications(), { token: claire.token });
    expect(after.body.data!.myNotifications.totalCount).toBe(before.body.data!.myNotifications.totalCount);
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(published).toEqual([]);
  });

  it('delivers as each person chose: off, in the app, by email at once, or in the daily digest', async () => {
    const sofia = await person('Sofía Hernández', 'es');
    const prefs = await t.gql<{ myNotificationPreferences: { kind: string; delivery: string; isDefault: boolean }[] }>(
      myNotificationPreferences(),
      { token: sofia.token },
    );
    expect(prefs.body.data!.myNotificationPreferences).toContainEqual({
      kind: 'membershipAdded',
      delivery: 'EMAIL',
      isDefault: true,
    });
    const total = async () =>
      (await t.gql<Page>(myNotifications(), { token: sofia.token })).body.data!.myNotifications.totalCount;
    const choose = async (delivery: string) => {
      const res = await t.gql(setNotificationPreference('membershipAdded', delivery), { token: sofia.token });
      expect(res.body).toEqual({
        data: { setNotificationPreference: { kind: 'membershipAdded', delivery, isDefault: false } },
      });
    };

    await choose('OFF');
    expect(await notify(membershipAdded(sofia, 'off'))).toBeNull();
    expect(await total()).toBe(0);
    expect(await deliver()).toMatchObject({ sent: 0 });

    await choose('IN_APP');
    await notify(membershipAdded(sofia, 'in-app'));
    expect(await total()).toBe(1);
    expect(await deliver()).toMatchObject({ sent: 0 });

    await choose('EMAIL');
    await notify(membershipAdded(sofia, 'email'));
    expect(await total()).toBe(2);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([[sofia.email]]);
    smtp.received.length = 0;

    await choose('DIGEST');
    await notify(membershipAdded(sofia, 'digest-1'));
    await notify({
      personId: sofia.personId,
      kind: 'membershipAdded',
      subject: { type: 'membership', id: 'digest-2' },
      networkId: gaamac.id,
      params: { networkName: 'GAAMAC', role: 'OBSERVER', startsOn: '2026-03-01' },
    });
    expect(await total()).toBe(4);
    expect(await deliver()).toMatchObject({ sent: 0 }); // nothing at once

    // The daily digest groups what happened since the last one, once.
    const digests = t.app.get(DigestService);
    expect(await digests.sendDigests()).toEqual({ digests: 1, notifications: 2 });
    expect(await digests.sendDigests()).toEqual({ digests: 0, notifications: 0 });
    expect(await deliver()).toMatchObject({ sent: 1 });
    const [digest] = smtp.received;
    expect(digest.to).toEqual([sofia.email]);
    expect(digest.subject).toBe('Enlace: 2 notificaciones nuevas');
    expect(digest.text).toContain(
      '- Su función en Red Latinoamericana\n  Desde el 1 de marzo de 2026, usted es punto focal en Red Latinoamericana.',
    );
    expect(digest.text).toContain(
      '- Su función en GAAMAC\n  Desde el 1 de marzo de 2026, usted es observador/a en GAAMAC.',
    );
    expect(digest.html).toContain('<li><strong>Su función en GAAMAC</strong>');

    // A later digest covers only what happened after this one.
    await notify(membershipAdded(sofia, 'digest-3'));
    expect(await digests.sendDigests()).toEqual({ digests: 1, notifications: 1 });
    smtp.received.length = 0;
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received[0].subject).toBe('Enlace: 1 notificación nueva');
    expect(smtp.received[0].text).toMatch(/Esto es lo que ocurrió en Enlace desde el \d+ de \w+ de \d{4}/);

    const invalid = await t.gql(setNotificationPreference('membershipAdded', 'SOMETIMES'), { token: sofia.token });
    expect(invalid.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
