import { DataSource } from 'typeorm';
import { VISIBILITIES, Visibility } from '@enlace/core';
import { EXPECTED_VISIBILITY, TestDataSource, testDataSource, VIEWERS, VISIBILITY_FIXTURE } from '@enlace/testing';
import { canSee, visibilitySql } from './visibility';

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
