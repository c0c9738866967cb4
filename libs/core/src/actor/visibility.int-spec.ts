import { DataSource } from 'typeorm';
import { VISIBILITIES, Visibility } from '@enlace/core';
import { EXPECTED_VISIBILITY, TestDataSource, testDataSource, VIEWERS, VISIBILITY_FIXTURE } from '@enlace/testing';
import { namedQuery } from '../database/sql';
import { audienceKeys, audienceKeysSql, canSee, recordKeys, visibilitySql } from './visibility';

/**
 * `visibilitySql` must return exactly the rows `canSee` allows, for every viewer × visibility, on
 * real PostgreSQL. A probe table holds one record per owner × visibility × (with/without participant).
 */
describe('visibilitySql agrees with canSee, cell by cell', () => {
  let db: TestDataSource;
  let ds: DataSource;
  const { OWNER, PARTNER, OTHER, PARTICIPANT } = VISIBILITY_FIXTURE;
  interface Probe {
    id: number;
    networkId: string;
    visibility: Visibility;
    participants: string[];
  }
  const probes: Probe[] = [];

  beforeAll(async () => {
    db = await testDataSource('PostgreSQL');
    ds = db.dataSource;
    await ds.query(`CREATE TABLE visibility_probe (
      id serial PRIMARY KEY, network_id uuid NOT NULL, visibility text NOT NULL, participants uuid[] NOT NULL)`);
    for (const networkId of [OWNER, PARTNER, OTHER]) {
      for (const visibility of VISIBILITIES) {
        for (const participants of [[PARTICIPANT], []]) {
          const [row] = (await ds.query(
            `INSERT INTO visibility_probe (network_id, visibility, participants) VALUES ($1, $2, $3) RETURNING id`,
            [networkId, visibility, participants],
          )) as { id: number }[];
          probes.push({ id: row.id, networkId, visibility, participants });
        }
      }
    }
  });
  afterAll(async () => {
    await db.close();
  });

  async function visibleIds(viewer: string): Promise<number[]> {
    const predicate = visibilitySql(VIEWERS[viewer], {
      network: 'r.network_id',
      visibility: 'r.visibility',
      participant: (p) => `CAST(:${p} AS uuid) = ANY(r.participants)`,
    });
    const rows = await ds
      .createQueryBuilder()
      .select('r.id', 'id')
      .from('visibility_probe', 'r')
      .where(predicate.sql, predicate.params)
      .orderBy('r.id')
      .getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  it.each(Object.keys(VIEWERS))('%s: the SQL rows are exactly those canSee allows', async (viewer) => {
    const expected = probes
      .filter((p) =>
        canSee(VIEWERS[viewer], { networkId: p.networkId, visibility: p.visibility, participantIds: p.participants }),
      )
      .map((p) => p.id);
    expect(await visibleIds(viewer)).toEqual(expected);
  });

  // The keys a record's SQL computes (`visibility_keys`, what the directory's triggers store) meet the
  // caller's keys exactly where canSee allows, and equal the TypeScript twin's.
  it.each(Object.keys(VIEWERS))(
    '%s: the rows whose SQL keys meet the caller’s are exactly those canSee allows',
    async (viewer) => {
      const rows = (await ds.query(
        `SELECT id, keys, keys && $1::text[] AS meets FROM (
         SELECT r.id, visibility_keys(r.network_id, r.visibility) || ARRAY(SELECT 'u:' || x FROM unnest(r.participants) x) AS keys
           FROM visibility_probe r) k ORDER BY id`,
        [audienceKeys(VIEWERS[viewer])],
      )) as { id: number; keys: string[]; meets: boolean }[];
      const expected = probes
        .filter((p) =>
          canSee(VIEWERS[viewer], { networkId: p.networkId, visibility: p.visibility, participantIds: p.participants }),
        )
        .map((p) => p.id);
      expect(rows.filter((r) => r.meets).map((r) => Number(r.id))).toEqual(expected);
      for (const r of rows) {
        const p = probes.find((x) => x.id === Number(r.id))!;
        expect(r.keys).toEqual(
          recordKeys({ networkId: p.networkId, visibility: p.visibility, participantIds: p.participants }),
        );
      }
    },
  );

  // The keys SQL computes from what a person's keys come from (here bound values; the directory reads
  // them from its tables) are exactly the keys of the TypeScript form, and meet a record's keys where canSee allows.
  it.each(Object.keys(VIEWERS))('%s: audienceKeysSql computes exactly audienceKeys', async (viewer) => {
    const actor = VIEWERS[viewer];
    const [row] = await namedQuery<{ keys: string[]; seen: number[] }>(
      ds.manager,
      `SELECT keys, ARRAY(SELECT r.id FROM visibility_probe r
                          WHERE (visibility_keys(r.network_id, r.visibility)
                                 || ARRAY(SELECT 'u:' || x FROM unnest(r.participants) x)) && keys
                          ORDER BY r.id) AS seen
         FROM (SELECT ${audienceKeysSql({
           person: 'CAST(:person AS uuid)',
           isAdmin: 'CAST(:admin AS boolean)',
           terms: 'SELECT * FROM unnest(CAST(:networks AS uuid[]), CAST(:roles AS text[]))',
           partners: 'SELECT unnest(CAST(:partners AS uuid[]))',
         })} AS keys) k`,
      {
        person: actor.personId,
        admin: actor.isAdmin,
        networks: actor.memberships.map((m) => m.networkId),
        roles: actor.memberships.map((m) => m.role),
        partners: [...actor.partnerNetworkIds],
      },
    );
    expect([...new Set(row.keys)].sort()).toEqual(audienceKeys(actor));
    const expected = probes
      .filter((p) =>
        canSee(actor, { networkId: p.networkId, visibility: p.visibility, participantIds: p.participants }),
      )
      .map((p) => p.id);
    expect(row.seen.map(Number)).toEqual(expected);
  });

  it.each(Object.keys(VIEWERS))('%s: the SQL rows match the hand-written table for OWNER’s records', async (viewer) => {
    const ids = await visibleIds(viewer);
    const seen = VISIBILITIES.filter((visibility) =>
      probes.some(
        (p) =>
          p.networkId === OWNER && p.visibility === visibility && p.participants.length === 1 && ids.includes(p.id),
      ),
    );
    expect(seen).toEqual(VISIBILITIES.filter((v) => EXPECTED_VISIBILITY[v].includes(viewer)));
  });
});
