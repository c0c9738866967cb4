import { Client } from 'pg';
import { insertAccount, insertMembership, insertMemberState, insertNetwork } from '@enlace/testing';
import { designateFocalPoint } from './support/directory.operations';
import { signedInMember } from './support/members';
import { addMembership, ConnectionData, MembershipData, networkMemberships } from './support/networks.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

interface TermData {
  id: string;
  person: { id: string };
}

/**
 * Two requests that open a term of the same seat at the same time. The test holds a SHARE lock on
 * `membership` (writers wait, readers and FOR UPDATE do not) until both requests are waiting on a
 * lock, so both get past their checks before either writes; then it lets them go together.
 */
describe('a seat never holds two overlapping terms', () => {
  let t: TestApp;
  let token: string;
  let networkId: string;

  /** Someone in the network's directory already (a past term): a secretariat may name them by id. */
  async function person(name: string): Promise<string> {
    const { personId } = await insertAccount(t.dataSource, { name });
    await insertMembership(t.dataSource, {
      personId,
      networkId,
      role: 'OBSERVER',
      startsOn: '2000-01-01',
      endsOn: '2000-01-02',
    });
    return personId;
  }

  /** Runs `requests` while `membership` is write-locked, releasing it once all of them wait on a lock. */
  async function race<T extends unknown[]>(requests: () => { [K in keyof T]: Promise<T[K]> }): Promise<T> {
    const gate = new Client({ connectionString: t.db.url });
    // A second connection watches: statistics views are a snapshot for the rest of a transaction.
    const watch = new Client({ connectionString: t.db.url });
    await Promise.all([gate.connect(), watch.connect()]);
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE membership IN SHARE MODE');
      const running = requests();
      const settled = Promise.all(running);
      // Not a timing assertion: a bound so that a request that never reaches the lock fails the test clearly.
      for (const deadline = Date.now() + 20_000; ;) {
        const { rows } = await watch.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].waiting >= running.length) break;
        if (Date.now() > deadline) {
          await gate.query('COMMIT');
          throw new Error(
            `${rows[0].waiting} of ${running.length} requests reached the lock: ${JSON.stringify(await settled)}`,
          );
        }
      }
      await gate.query('COMMIT');
      return (await settled) as T;
    } finally {
      await Promise.all([gate.end(), watch.end()]);
    }
  }

  async function currentTerms(memberState: string, role: string): Promise<MembershipData[]> {
    const res = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
      networkMemberships(networkId, { memberState, role, currentOnly: true, first: 100 }),
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.network.memberships.edges.map((e) => e.node);
  }

  function outcome(res: GraphqlResponse): string {
    expect(res.status).toBe(200);
    return res.body.errors?.[0]?.extensions.code ?? 'OK';
  }

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource, { slug: 'seat-race' })).id;
    token = (await signedInMember(t, { name: 'Sara Secretariat', networkId, role: 'SECRETARIAT' })).token;
    for (const countryCode of ['PE', 'CL', 'AR']) await insertMemberState(t.dataSource, { networkId, countryCode });
  });

  afterAll(async () => {
    await t.close();
  });

  it('addMembership against addMembership: one term opens, the other request gets CONFLICT', async () => {
    const [ana, bruno] = [await person('Ana'), await person('Bruno')];
    const [first, second] = await race<[GraphqlResponse, GraphqlResponse]>(() => [
      t.gql(addMembership({ networkId, personId: ana, role: 'FOCAL_POINT', memberState: 'PE' }), { token }),
      t.gql(addMembership({ networkId, personId: bruno, role: 'FOCAL_POINT', memberState: 'PE' }), { token }),
    ]);

    expect([outcome(first), outcome(second)].sort()).toEqual(['CONFLICT', 'OK']);
    const loser = first.body.errors ? first : second;
    expect(loser.body.errors![0].message).toBe(
      'The seat of PE in this role already has a term in this period. Designate the new person as successor to hand the seat over, or end the current term first.',
    );
    const winner = (first.body.errors ? second : first).body.data as { addMembership: MembershipData };
    const current = await currentTerms('PE', 'FOCAL_POINT');
    expect(current.map((m) => m.id)).toEqual([winner.addMembership.id]);
  });

  it('the alternate is a seat of its own, with the same guarantee', async () => {
    const [carla, dora, eva] = [await person('Carla'), await person('Dora'), await person('Eva')];
    const [focal, alternate, alternateToo] = await race<[GraphqlResponse, GraphqlResponse, GraphqlResponse]>(() => [
      t.gql(addMembership({ networkId, personId: carla, role: 'FOCAL_POINT', memberState: 'AR' }), { token }),
      t.gql(addMembership({ networkId, personId: dora, role: 'ALTERNATE_FOCAL_POINT', memberState: 'AR' }), { token }),
      t.gql(addMembership({ networkId, personId: eva, role: 'ALTERNATE_FOCAL_POINT', memberState: 'AR' }), { token }),
    ]);

    expect(outcome(focal)).toBe('OK');
    expect([outcome(alternate), outcome(alternateToo)].sort()).toEqual(['CONFLICT', 'OK']);
    expect(await currentTerms('AR', 'FOCAL_POINT')).toHaveLength(1);
    expect(await currentTerms('AR', 'ALTERNATE_FOCAL_POINT')).toHaveLength(1);
  });

  it('addMembership against designateFocalPoint: exactly one current term, and no internal error', async () => {
    const [felipe, gloria] = [await person('Felipe'), await person('Gloria')];
    const [added, designated] = await race<[GraphqlResponse, GraphqlResponse]>(() => [
      t.gql(addMembership({ networkId, personId: felipe, role: 'FOCAL_POINT', memberState: 'CL' }), { token }),
      t.gql(designateFocalPoint({ networkId, memberState: 'CL', personId: gloria }), { token }),
    ]);

    const outcomes = [outcome(added), outcome(designated)];
    const current = await currentTerms('CL', 'FOCAL_POINT');
    expect(current).toHaveLength(1);
    if (outcomes.includes('CONFLICT')) {
      // Both wrote at once: the database let one in and refused the other.
      expect([...outcomes].sort()).toEqual(['CONFLICT', 'OK']);
      expect(current[0].person.id).toBe(added.body.errors ? gloria : felipe);
    } else {
      // The designation ran after the term opened: a handover that ended it.
      expect(outcomes).toEqual(['OK', 'OK']);
      const { designateFocalPoint: handover } = designated.body.data as {
        designateFocalPoint: { membership: TermData; predecessor: TermData | null };
      };
      expect(handover.predecessor?.person.id).toBe(felipe);
      expect(current[0].person.id).toBe(gloria);
    }
  });
});
