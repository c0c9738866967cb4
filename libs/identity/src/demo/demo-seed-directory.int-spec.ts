import { DataSource } from 'typeorm';
import { AuditLogEntity, I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { ENGINES, testDataSource } from '@enlace/testing';
import { createDemoSeed } from './demo-seed.factory';

jest.setTimeout(120_000);

/** `npm run seed:demo` opens its own data source with these entities, outside Nest. */
const ENTITIES = [AuditLogEntity];

async function one<T>(ds: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  return ((await ds.query(sql, params)) as T[])[0];
}

/** `npm run seed:demo` as the script runs it: the identity seed, then the directory's; twice. */
async function seedTwice(ds: DataSource): Promise<void> {
  const accounts = loadDemoData();
  const identity = createDemoSeed(ds);
  const directory = createDirectoryDemoSeed(ds, new I18nService());
  await identity.seed(accounts);
  const first = await directory.seed(loadDirectoryDemo(), accounts);
  expect(first.people.created).toBeGreaterThanOrEqual(250);
  expect(first.pastTerms).toBe(4);

  const people = await one<{ n: number }>(ds, `SELECT count(*)::int AS n FROM person`);
  expect(people.n).toBeGreaterThanOrEqual(270);
  // Paraguay's seat: two predecessors, then the demo account, each handing over to the next.
  const history = (await ds.query(
    `SELECT p.name, m.starts_on::text AS "startsOn", m.ends_on::text AS "endsOn", m.succeeds_id IS NOT NULL AS linked
     FROM membership m JOIN person p ON p.id = m.person_id JOIN network n ON n.id = m.network_id
     WHERE n.slug = 'latam-network' AND m.member_state = 'PY' AND m.role = 'FOCAL_POINT' ORDER BY m.starts_on`,
  )) as { name: string; startsOn: string; endsOn: string | null; linked: boolean }[];
  expect(history).toEqual([
    { name: 'Gustavo Ramírez', startsOn: '2012-03-22', endsOn: '2017-08-15', linked: false },
    { name: 'Liliana Ortiz', startsOn: '2017-08-15', endsOn: '2022-06-01', linked: true },
    { name: 'Carlos Benítez', startsOn: '2022-06-01', endsOn: null, linked: true },
  ]);
  const vacancies = (await ds.query(
    `SELECT n.slug, s.country_code AS code FROM member_state s JOIN network n ON n.id = s.network_id
     WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.network_id = s.network_id AND m.member_state = s.country_code
       AND m.role = 'FOCAL_POINT' AND m.ends_on IS NULL) ORDER BY 1, 2`,
  )) as { slug: string; code: string }[];
  expect(vacancies).toEqual([
    { slug: 'icglr-committee', code: 'SS' },
    { slug: 'latam-network', code: 'UY' },
    { slug: 'r2p-focal-points', code: 'BW' },
  ]);

  const audited = await one<{ n: number }>(ds, `SELECT count(*)::int AS n FROM audit_log`);
  const second = await directory.seed(loadDirectoryDemo(), accounts);
  expect(second).toEqual({
    memberStates: 0,
    people: { created: 0, updated: 0, unchanged: first.people.created },
    pastTerms: 0,
  });
  expect(await one<{ n: number }>(ds, `SELECT count(*)::int AS n FROM audit_log`)).toEqual(audited);
}

describe.each(ENGINES)('directory demo seed on %s', (engine) => {
  it('fills the demo networks, idempotently', async () => {
    const db = await testDataSource(engine, { entities: ENTITIES });
    try {
      await seedTwice(db.dataSource);
    } finally {
      await db.close();
    }
  });
});
