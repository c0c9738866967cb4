import { VacancyAlertService } from '@enlace/directory';
import { DigestService, EmailDeliveryService } from '@enlace/notifications';
import { insertDirectoryPerson, insertMemberState, insertNetwork } from '@enlace/testing';
import * as op from './support/directory.operations';
import { acceptInvitation, inviteToNetwork } from './support/identity.operations';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { addMembership, endMembership } from './support/networks.operations';
import { myNotificationPreferences, myNotifications, NotificationData } from './support/notifications.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

interface Member {
  personId: string;
  token: string;
  email: string;
}

/**
 * Issue 14, items 1 and 3: every change a person would want to hear of notifies them, in their
 * language (names included), in the transaction of the change, pushed to their open sockets; the
 * one who made the change is not told of it.
 */
describe('notifications as a secretariat and its focal points meet them', () => {
  let t: TestApp;
  let net: string;
  let sara: Member; // the secretariat member who makes the changes
  let sam: Member; // a colleague in the secretariat
  let amina: Member; // a French-speaking colleague in the secretariat
  const clients: LiveClient[] = [];
  /** Notifications each person had before the step under test. */
  const seen = new Map<string, Set<string>>();

  const code = (res: GraphqlResponse) => res.body.errors?.[0]?.extensions.code ?? 'OK';
  const all = async (m: Member): Promise<NotificationData[]> => {
    const res = await t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(
      myNotifications({ first: 100 }),
      { token: m.token },
    );
    expect(code(res)).toBe('OK');
    return res.body.data!.myNotifications.edges.map((e) => e.node);
  };
  /** What the person was told since the last call for them. */
  const news = async (m: Member): Promise<NotificationData[]> => {
    const mine = seen.get(m.personId) ?? new Set<string>();
    const fresh = (await all(m)).filter((n) => !mine.has(n.id));
    for (const n of fresh) mine.add(n.id);
    seen.set(m.personId, mine);
    return fresh;
  };
  const member = async (name: string, preferredLanguage: string, role = 'OBSERVER'): Promise<Member> => {
    const m = await signedInMember(t, { name, preferredLanguage, networkId: net, role });
    const member = { personId: m.personId, token: m.token, email: m.email };
    await news(member);
    return member;
  };
  const live = async (token: string) => {
    const client = await connectLive(t.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    net = (
      await insertNetwork(t.dataSource, {
        slug: 'icglr',
        defaultLanguage: 'en',
        name: {
          en: { text: 'ICGLR Regional Committee', status: 'ORIGINAL' },
          fr: { text: 'Comité régional de la CIRGL', status: 'OFFICIAL' },
        },
      })
    ).id;
    for (const countryCode of ['BI', 'RW', 'CD', 'TZ'])
      await insertMemberState(t.dataSource, { networkId: net, countryCode });
    sara = await member('Sara Secretariat', 'en', 'SECRETARIAT');
    sam = await member('Sam Secretariat', 'en', 'SECRETARIAT');
    amina = await member('Amina Secrétariat', 'fr', 'SECRETARIAT');
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('addMembership tells the person at once, in French with the official French name, and the secretariat', async () => {
    const fatou = await member('Fatou Ndiaye', 'fr');
    const socket = await live(fatou.token);
    const pushed = socket.next<{ id: string; kind: string }>('notification:new');
    const res = await t.gql<{ addMembership: { id: string } }>(
      addMembership({
        networkId: net,
        personId: fatou.personId,
        role: 'FOCAL_POINT',
        memberState: 'BI',
        startsOn: '2025-03-01',
      }),
      { token: sara.token },
    );
    expect(code(res)).toBe('OK');
    const push = await pushed;
    expect(push.kind).toBe('membershipAdded');

    const [added, ...rest] = await news(fatou);
    expect(rest).toEqual([]);
    expect(added).toMatchObject({ id: push.id, kind: 'membershipAdded', language: 'fr', networkId: net });
    expect(added.title).toContain('Comité régional de la CIRGL');
    expect(added.body).toContain('point focal (Burundi)');
    expect(added.body).toContain('1er mars 2025');
    expect(`${added.title} ${added.body}`).not.toContain('ICGLR');

    const [forSam, ...moreForSam] = await news(sam);
    expect(moreForSam).toEqual([]);
    expect(forSam).toMatchObject({ kind: 'termChanged', language: 'en' });
    expect(forSam.title).toContain('Fatou Ndiaye');
    expect(forSam.body).toContain('Sara Secretariat');
    expect(forSam.body).toContain('focal point for Burundi');
    const [forAmina] = await news(amina);
    expect(forAmina.body).toContain('Comité régional de la CIRGL');
    // The one who made the change is not told of it.
    expect(await news(sara)).toEqual([]);

    // And the e-mail (membershipAdded is sent by e-mail unless she chose otherwise), rendered in French.
    const [email] = (await t.dataSource.query(
      `SELECT id, recipient::text AS recipient, language, template, params FROM email_outbox
        WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
      [fatou.email],
    )) as { id: string; recipient: string; language: 'fr'; template: string; params: Record<string, unknown> }[];
    const rendered = await t.app.get(EmailDeliveryService).render(email);
    expect(rendered.subject).toContain('Comité régional de la CIRGL');
    expect(rendered.text).toContain('1er mars 2025');

    // Ending the term tells her too, with the first day she no longer holds the seat.
    const ended = await t.gql(endMembership({ id: res.body.data!.addMembership.id, endsOn: '2027-06-01' }), {
      token: sara.token,
    });
    expect(code(ended)).toBe('OK');
    const [end, ...others] = await news(fatou);
    expect(others).toEqual([]);
    expect(end.kind).toBe('membershipEnded');
    expect(end.body).toContain('1er juin 2027');
    expect(end.body).toContain('Comité régional de la CIRGL');
    expect((await news(sam)).map((n) => n.kind)).toEqual(['termChanged']);
    expect(await news(sara)).toEqual([]);
  });

  it('a designation tells the outgoing and the incoming focal point, and the secretariat', async () => {
    const bob = await member('Bob Outgoing', 'en');
    const carla = await member('Carla Incoming', 'es');
    const first = await t.gql(
      op.designateFocalPoint({ networkId: net, memberState: 'RW', personId: bob.personId, startsOn: '2024-01-01' }),
      { token: sara.token },
    );
    expect(code(first)).toBe('OK');
    expect((await news(bob)).map((n) => n.kind)).toEqual(['membershipAdded']);
    await news(sam);
    await news(amina);

    const bobSocket = await live(bob.token);
    const toBob = bobSocket.next<{ kind: string }>('notification:new');
    const handover = await t.gql(
      op.designateFocalPoint({ networkId: net, memberState: 'RW', personId: carla.personId, startsOn: '2025-01-01' }),
      { token: sara.token },
    );
    expect(code(handover)).toBe('OK');
    expect((await toBob).kind).toBe('membershipEnded');

    const [outgoing, ...moreForBob] = await news(bob);
    expect(moreForBob).toEqual([]);
    expect(outgoing.kind).toBe('membershipEnded');
    expect(outgoing.body).toContain('Carla Incoming');
    expect(outgoing.body).toContain('January 1, 2025');

    const [incoming, ...moreForCarla] = await news(carla);
    expect(moreForCarla).toEqual([]);
    expect(incoming).toMatchObject({ kind: 'membershipAdded', language: 'es' });
    expect(incoming.body).toContain('Ruanda');

    const [forSam, ...moreForSam] = await news(sam);
    expect(moreForSam).toEqual([]);
    expect(forSam.kind).toBe('termChanged');
    expect(forSam.body).toContain('Carla Incoming');
    expect(forSam.body).toContain('Bob Outgoing');
    expect(await news(sara)).toEqual([]);
  });

  it('an accepted invitation tells whoever sent it', async () => {
    const email = 'nouvelle.personne@example.org';
    const invited = await t.gql(inviteToNetwork({ networkId: net, email, role: 'OBSERVER', language: 'fr' }), {
      token: sara.token,
    });
    expect(code(invited)).toBe('OK');
    const [row] = (await t.dataSource.query(
      `SELECT params FROM email_outbox WHERE recipient = $1 AND template = 'invitation'`,
      [email],
    )) as { params: { link: string } }[];
    const token = new URL(row.params.link).searchParams.get('token') as string;
    const accepted = await t.gql(
      acceptInvitation({ token, name: 'Nouvelle Personne', password: 'a long passphrase here' }),
    );
    expect(code(accepted)).toBe('OK');

    const [forSara, ...moreForSara] = await news(sara);
    expect(moreForSara).toEqual([]);
    expect(forSara.kind).toBe('invitationAccepted');
    expect(forSara.title).toContain('Nouvelle Personne');
    expect((await news(sam)).map((n) => n.kind)).toEqual(['termChanged']);
  });

  it('an import that changes many terms sends one summary to each colleague and one notice to each person', async () => {
    const header = 'external_ref,name,email,phone,organisation,organisation_type,country,role,member_state,languages';
    for (const m of [sam, amina, sara]) await news(m);
    const rows = [
      'IMP-1,Imported One,imported.one@example.org,,,,CD,OBSERVER,,fr',
      'IMP-2,Imported Two,imported.two@example.org,,,,CD,OBSERVER,,fr',
      'IMP-3,Imported Three,imported.three@example.org,,,,CD,FOCAL_POINT,CD,fr',
    ];
    const res = await t.gql<{ importDirectory: { applied: boolean } }>(
      op.importDirectory({ networkId: net, csv: [header, ...rows].join('\n'), dryRun: false }),
      { token: sara.token },
    );
    expect(code(res)).toBe('OK');
    expect(res.body.data!.importDirectory).toMatchObject({ applied: true, errors: [] });

    const forSam = await news(sam);
    expect(forSam.map((n) => n.kind)).toEqual(['directoryImported']);
    expect(forSam[0].body).toContain('3 people');
    const forAmina = await news(amina);
    expect(forAmina.map((n) => n.kind)).toEqual(['directoryImported']);
    expect(forAmina[0].body).toContain('3 personnes');
    expect(await news(sara)).toEqual([]);
    const perPerson = (await t.dataSource.query(
      `SELECT p.name, count(*)::int AS count FROM notification n JOIN person p ON p.id = n.person_id
        WHERE p.external_ref LIKE 'IMP-%' GROUP BY p.name ORDER BY p.name`,
    )) as { name: string; count: number }[];
    expect(perPerson).toEqual([
      { name: 'Imported One', count: 1 },
      { name: 'Imported Three', count: 1 },
      { name: 'Imported Two', count: 1 },
    ]);
  });

  it('the vacancy alert names the network in the reader’s language', async () => {
    await t.app.get(VacancyAlertService).alertSecretariats(new Date());
    const [alert] = (await news(amina)).filter((n) => n.kind === 'vacancyAlert');
    expect(alert.title).toContain('Sièges vacants dans Comité régional de la CIRGL');
    expect(alert.title).not.toContain('ICGLR');
    const [english] = (await news(sam)).filter((n) => n.kind === 'vacancyAlert');
    expect(english.title).toContain('ICGLR Regional Committee');
  });

  it('preferences offer only the kinds something produces', async () => {
    const res = await t.gql<{ myNotificationPreferences: { kind: string }[] }>(myNotificationPreferences(), {
      token: sam.token,
    });
    expect(res.body.data!.myNotificationPreferences.map((p) => p.kind).sort()).toEqual(
      [
        'certificateIssued',
        'certificateRevoked',
        'directoryImported',
        'invitationAccepted',
        'meetingCancelled',
        'meetingCloseReminder',
        'meetingDelegated',
        'meetingInvitation',
        'meetingReminder',
        'meetingRescheduled',
        'meetingRsvpChase',
        'meetingScheduled',
        'meetingUninvited',
        'membershipAdded',
        'membershipEnded',
        'mentioned',
        'minutesApproved',
        'minutesCirculated',
        'noticeReminder',
        'planActionAssigned',
        'planActionOverdue',
        'planActionUnassigned',
        'planCommentMention',
        'planCopiedForState',
        'planIndicatorDue',
        'planIndicatorOverdue',
        'planMonthlySummary',
        'planWeeklyDigest',
        'termChanged',
        'trainingConfirmed',
        'trainingCancelled',
        'trainingPromoted',
        'trainingWaitlisted',
        'trainingWithdrawn',
        'trainingDeadlineReminder',
        'trainingStartReminder',
        'trainingAttendanceReminder',
        'vacancyAlert',
      ].sort(),
    );
  });

  /** Issue 14, item 24: each person reads dates in their own time zone (default: their country's main zone). */
  describe('the time zone a person reads dates in', () => {
    const ZONE_FIELDS = `id version timeZone timeZoneIsDefault`;
    type Zone = { id: string; version: number; timeZone: string; timeZoneIsDefault: boolean };
    const read = async (id: string) =>
      (await t.gql<{ person: Zone }>(op.person(id, ZONE_FIELDS), { token: sara.token })).body.data!.person;
    const update = (id: string, version: number, timeZone: string | null, lang = 'en') =>
      t.gql<{ updatePerson: Zone }>(
        {
          query: `mutation U($input: UpdatePersonInput!) { updatePerson(input: $input) { ${ZONE_FIELDS} } }`,
          variables: { input: { id, expectedVersion: version, timeZone } },
        },
        { token: sara.token, lang },
      );

    it('defaults to the country’s main zone, is set by the secretariat, refused when it is no zone', async () => {
      const { id } = await insertDirectoryPerson(t.dataSource, {
        name: 'Pedro Paraguay',
        countryCode: 'PY',
        memberships: [{ networkId: net, role: 'OBSERVER' }],
      });
      const before = await read(id);
      expect(before).toMatchObject({ timeZone: 'America/Asuncion', timeZoneIsDefault: true });

      const refused = await update(id, before.version, 'GMT-3', 'fr');
      expect(refused.body.errors?.[0]).toMatchObject({
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'timeZone', message: expect.stringContaining('fuseau horaire') }],
        },
      });
      expect(await read(id)).toEqual(before); // nothing lost

      const set = await update(id, before.version, 'europe/madrid');
      expect(code(set)).toBe('OK');
      expect(set.body.data!.updatePerson).toMatchObject({ timeZone: 'Europe/Madrid', timeZoneIsDefault: false });
      const back = await update(id, set.body.data!.updatePerson.version, null);
      expect(back.body.data!.updatePerson).toMatchObject({ timeZone: 'America/Asuncion', timeZoneIsDefault: true });

      // Another network's secretariat cannot set it: the person answers like a missing one.
      const other = (await insertNetwork(t.dataSource, { visibility: 'NETWORK' })).id;
      const stranger = await signedInMember(t, { name: 'Other Secretariat', networkId: other, role: 'SECRETARIAT' });
      const theirs = await t.gql(
        {
          query: `mutation U($input: UpdatePersonInput!) { updatePerson(input: $input) { ${ZONE_FIELDS} } }`,
          variables: { input: { id, expectedVersion: back.body.data!.updatePerson.version, timeZone: 'Asia/Tokyo' } },
        },
        { token: stranger.token },
      );
      expect(code(theirs)).toBe('NOT_FOUND');
      expect(await read(id)).toMatchObject({ timeZone: 'America/Asuncion', timeZoneIsDefault: true });
    });

    it('writes the times of a digest in the reader’s zone', async () => {
      const reader = await member('Priya Kolkata', 'en');
      await t.dataSource.query(`UPDATE person SET time_zone = 'Asia/Kolkata' WHERE id = $1`, [reader.personId]);
      await t.dataSource.query(
        `INSERT INTO notification (person_id, kind, subject_type, subject_id, network_id, params, delivery)
         VALUES ($1, 'membershipEnded', 'membership', 'm-tz', $2, '{"role": "OBSERVER", "endsOn": "2027-01-01"}', 'DIGEST')`,
        [reader.personId, net],
      );
      await t.app.get(DigestService).sendDigests(new Date(Date.now() + 1000));
      const [row] = (await t.dataSource.query(
        `SELECT id, recipient::text AS recipient, language, template, params FROM email_outbox
          WHERE recipient = $1 AND template = 'digest'`,
        [reader.email],
      )) as { id: string; recipient: string; language: 'en'; template: string; params: { since: string } }[];
      const rendered = await t.app.get(EmailDeliveryService).render(row);
      const local = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'Asia/Kolkata' }).format(
        new Date(row.params.since),
      );
      expect(rendered.text).toContain(`${local} GMT+5:30`);
      expect(rendered.text).toContain('January 1, 2027'); // a calendar day stays that day
    });
  });
});
