import { EmailDeliveryService } from '@enlace/notifications';
import { insertMembership, insertMemberState, insertNetwork } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember, SignedInMember } from './support/members';
import { networkAuditEntries } from './support/networks.fixture';
import { ConnectionData, networkMemberships } from './support/networks.operations';
import { myNotifications, NotificationData, setNotificationPreference } from './support/notifications.operations';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * SPEC §3: a person's name reaches only those who may see the person, in every transport — here the
 * author of an audit entry and the people named in a notification.
 */
describe('names of people only where their reader may see them', () => {
  let t: TestApp;
  let netA: string;
  let netB: string;
  let secA: SignedInMember;
  let secB: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    netA = (await insertNetwork(t.dataSource, { slug: 'names-a' })).id;
    netB = (await insertNetwork(t.dataSource, { slug: 'names-b' })).id;
    secA = await signedInMember(t, { name: 'Rita Restricted', networkId: netA, role: 'SECRETARIAT' });
    // A's secretariat keeps her term RESTRICTED: only A's secretariat (herself) may see her.
    await t.dataSource.query(`UPDATE membership SET visibility = 'RESTRICTED' WHERE person_id = $1`, [secA.personId]);
    secB = await signedInMember(t, { name: 'Bea Secretariat', networkId: netB, role: 'SECRETARIAT' });
  });

  afterAll(() => t?.close());

  it('an audit entry of another network’s RESTRICTED person does not name its author', async () => {
    // Pablo belongs to both networks; A's secretariat edits him, which writes an entry in each network's log.
    const pablo = await signedInMember(t, { name: 'Pablo Both', networkId: netA, role: 'OBSERVER' });
    await insertMembership(t.dataSource, { personId: pablo.personId, networkId: netB, role: 'OBSERVER' });
    const read = await t.gql<{ person: { version: number } }>(op.person(pablo.personId, 'version'), {
      token: secA.token,
    });
    const edit = await t.gql(
      op.updatePerson({ id: pablo.personId, expectedVersion: read.body.data!.person.version, jobTitle: 'Adviser' }),
      { token: secA.token },
    );
    expect(edit.body.errors).toBeUndefined();

    const inA = (await networkAuditEntries(t, netA, secA.token, 'person')).find((e) => e.entityId === pablo.personId);
    expect(inA?.actor).toEqual({ id: secA.personId, name: 'Rita Restricted' });

    const inB = (await networkAuditEntries(t, netB, secB.token, 'person')).find((e) => e.entityId === pablo.personId);
    expect(inB).toBeDefined();
    // B's secretariat may not see Rita: the entry has no author, as if she did not exist.
    expect(inB!.actor).toBeNull();
    const searched = await t.gql(op.person(secA.personId, 'id name'), { token: secB.token });
    expect(searched.body.errors?.[0].extensions.code).toBe('NOT_FOUND');

    // The people of memberships B may see keep their names.
    const members = await t.gql<{ network: { memberships: ConnectionData<{ person: { id: string; name: string } }> } }>(
      networkMemberships(netB, { first: 100 }, 'person { id name }'),
      { token: secB.token },
    );
    expect(members.body.errors).toBeUndefined();
    expect(members.body.data!.network.memberships.edges.map((e) => e.node.person.name).sort()).toEqual([
      'Bea Secretariat',
      'Pablo Both',
    ]);
  });

  describe('a handover tells the outgoing focal point who succeeds them only if they may see the successor', () => {
    const news = async (token: string): Promise<NotificationData[]> => {
      const res = await t.gql<{ myNotifications: ConnectionData<NotificationData> }>(myNotifications({ first: 20 }), {
        token,
      });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.myNotifications.edges.map((e) => e.node);
    };
    const designate = async (personId: string, startsOn: string, visibility: string) => {
      const res = await t.gql(
        op.designateFocalPoint({ networkId: netB, memberState: 'PE', personId, startsOn, visibility }),
        { token: secB.token },
      );
      expect(res.body.errors).toBeUndefined();
    };
    /** Someone in B's directory already (a term there, of `visibility`), so that B's secretariat may name them by id. */
    const inDirectory = async (name: string, preferredLanguage: string, visibility: string) => {
      const m = await signedInMember(t, { name, preferredLanguage });
      await insertMembership(t.dataSource, { personId: m.personId, networkId: netB, role: 'OBSERVER', visibility });
      return m;
    };

    beforeAll(async () => {
      await insertMemberState(t.dataSource, { networkId: netB, countryCode: 'PE', joinedOn: '2000-01-01' });
    });

    it('a RESTRICTED successor is "your successor", in the reader’s language, on screen and by e-mail', async () => {
      const olga = await inDirectory('Olga Outgoing', 'es', 'NETWORK');
      const rosa = await inDirectory('Rosa Hidden', 'en', 'RESTRICTED');
      await designate(olga.personId, '2024-01-01', 'NETWORK');
      expect(
        (await t.gql(setNotificationPreference('membershipEnded', 'EMAIL'), { token: olga.token })).body.errors,
      ).toBeUndefined();
      await designate(rosa.personId, '2025-01-01', 'RESTRICTED');

      const [ended] = (await news(olga.token)).filter((n) => n.kind === 'membershipEnded');
      expect(ended).toBeDefined();
      expect(ended.body).toContain('su sucesor le sucede');
      expect(ended.body).not.toContain('Rosa');
      // Olga may not see Rosa by any other door either.
      expect(
        (await t.gql(op.person(rosa.personId, 'id'), { token: olga.token })).body.errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');

      // The e-mail of the same notice, rendered as it is sent, names nobody either.
      const emails = (await t.dataSource.query(
        `SELECT id, recipient::text AS recipient, language, template, params FROM email_outbox
          WHERE recipient = $1 AND params->>'kind' = 'membershipEnded'`,
        [olga.email],
      )) as Parameters<EmailDeliveryService['render']>[0][];
      expect(emails).toHaveLength(1);
      for (const email of emails) {
        const rendered = await t.app.get(EmailDeliveryService).render(email);
        expect(rendered.text).not.toContain('Rosa');
        expect(rendered.text).toContain('su sucesor');
      }
      // Nothing stored with the notice names her.
      const stored = (await t.dataSource.query(
        `SELECT params::text AS params FROM notification WHERE person_id = $1 AND kind = 'membershipEnded'`,
        [olga.personId],
      )) as { params: string }[];
      expect(stored.map((r) => r.params).join(' ')).not.toContain('Rosa');

      // Once Rosa's term is open to the network (read now, not when written), Olga reads her name.
      await t.dataSource.query(
        `UPDATE membership SET visibility = 'NETWORK' WHERE person_id = $1 AND role = 'FOCAL_POINT'`,
        [rosa.personId],
      );
      const [again] = (await news(olga.token)).filter((n) => n.kind === 'membershipEnded');
      expect(again.body).toContain('Rosa Hidden');
    });
  });
});
