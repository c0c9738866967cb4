import { DataSource } from 'typeorm';
import { TestDataSource, testDataSource } from '@enlace/testing';
import { Actor, anonymousActor, NETWORK_ROLES } from '../actor/actor';
import { namedQuery } from '../database/sql';
import { ACTIONS, ActionScope, can } from './permission-matrix';
import { canSql } from './permission-sql';

/**
 * `canSql` must allow exactly what `can` allows, for every action × kind of actor × kind of target
 * (the cells of permission-matrix.spec.ts), on real PostgreSQL. A probe table holds one target per
 * network × target kind; the SQL form reads its columns.
 */
describe('canSql agrees with can, cell by cell', () => {
  let db: TestDataSource;
  let ds: DataSource;
  const OWN = '00000000-0000-4000-8000-000000000001';
  const OTHER = '00000000-0000-4000-8000-000000000002';
  const SHARED = '00000000-0000-4000-8000-000000000003';
  const scopes: ActionScope[] = [];
  for (const base of [
    { networkId: OWN },
    { networkId: OTHER, sharedWith: [SHARED] },
    { networkId: SHARED, sharedWith: [OWN] },
    { networkId: OTHER, sharedWith: [] },
  ] as ActionScope[]) {
    scopes.push(
      base,
      { ...base, memberState: 'PY' },
      { ...base, memberState: 'AR' },
      { ...base, assigned: true },
      { ...base, own: true },
      { ...base, granted: true },
      { ...base, visible: true },
      { ...base, memberState: 'PY', assigned: true, own: true, granted: true, visible: true },
    );
  }

  const actor = (memberships: Actor['memberships'], isAdmin = false): Actor => ({
    ...anonymousActor('en'),
    personId: '10000000-0000-4000-8000-000000000001',
    accountId: '20000000-0000-4000-8000-000000000001',
    isAdmin,
    memberships,
  });
  const ACTORS: Record<string, Actor> = {
    anonymous: anonymousActor('en'),
    admin: actor([], true),
    'admin and observer': actor([{ networkId: OWN, role: 'OBSERVER', memberState: null }], true),
    'focal points of two networks': actor([
      { networkId: OWN, role: 'FOCAL_POINT', memberState: 'PY' },
      { networkId: OTHER, role: 'ALTERNATE_FOCAL_POINT', memberState: 'AR' },
    ]),
    'observer here, secretariat there': actor([
      { networkId: OWN, role: 'OBSERVER', memberState: null },
      { networkId: SHARED, role: 'SECRETARIAT', memberState: null },
    ]),
  };
  for (const role of NETWORK_ROLES) {
    const state = role === 'FOCAL_POINT' || role === 'ALTERNATE_FOCAL_POINT' ? 'PY' : null;
    ACTORS[role] = actor([{ networkId: OWN, role, memberState: state }]);
  }

  beforeAll(async () => {
    db = await testDataSource('PostgreSQL');
    ds = db.dataSource;
    await ds.query(`CREATE TABLE permission_probe (
      id int PRIMARY KEY, network_id uuid NOT NULL, shared_with uuid[] NOT NULL, member_state char(2),
      assigned boolean NOT NULL, own boolean NOT NULL, granted boolean NOT NULL, visible boolean NOT NULL)`);
    for (const [id, s] of scopes.entries()) {
      await ds.query(`INSERT INTO permission_probe VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        id,
        s.networkId,
        s.sharedWith ?? [],
        s.memberState ?? null,
        s.assigned === true,
        s.own === true,
        s.granted === true,
        s.visible === true,
      ]);
    }
  });
  afterAll(async () => {
    await db.close();
  });

  const cases = Object.keys(ACTORS).flatMap((name) => ACTIONS.map((action) => [name, action] as const));

  it.each(cases)('%s, %s: the SQL allows exactly the targets can allows', async (name, action) => {
    const predicate = canSql(ACTORS[name], action, {
      network: 'x.network_id',
      sharedWith: (p) => `x.shared_with && CAST(:${p} AS uuid[])`,
      memberState: 'x.member_state',
      assigned: 'x.assigned',
      own: 'x.own',
      granted: 'x.granted',
      visible: 'x.visible',
    });
    const rows = await namedQuery<{ id: number }>(
      ds.manager,
      `SELECT id FROM permission_probe x WHERE ${predicate.sql} ORDER BY id`,
      predicate.params,
    );
    const expected = scopes.flatMap((scope, id) => (can(ACTORS[name], action, scope) ? [id] : []));
    expect(rows.map((r) => r.id)).toEqual(expected);
  });
});
