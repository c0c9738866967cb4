import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '@enlace/core';
import { DemoData, loadDemoData } from '@enlace/directory';
import { ENGINES, TestDataSource, testDataSource } from '@enlace/testing';
import { createDemoSeed } from './demo-seed.factory';
import { DemoSeedService } from './demo-seed.service';

jest.setTimeout(60_000);

/** `npm run seed:demo` opens its own data source with these entities, outside Nest. */
const ENTITIES = [AuditLogEntity];

function seeder(ds: DataSource): DemoSeedService {
  return createDemoSeed(ds);
}

async function counts(ds: DataSource): Promise<Record<string, number>> {
  const [row] = (await ds.query(
    `SELECT (SELECT count(*) FROM network)::int AS networks,
            (SELECT count(*) FROM network_partner)::int AS partnerships,
            (SELECT count(*) FROM person)::int AS people,
            (SELECT count(*) FROM account)::int AS accounts,
            (SELECT count(*) FROM membership)::int AS memberships,
            (SELECT count(*) FROM audit_log)::int AS audit_entries,
            (SELECT sum(version) FROM network)::int AS network_versions`,
  )) as Record<string, number>[];
  return row;
}

const data = loadDemoData();
const membershipCount = data.people.reduce((n, p) => n + p.memberships.length, 0);
const partnershipDirections = data.networks.reduce((n, net) => n + net.partners.length, 0);

/** The checks shared by both engines: two runs, the second writing nothing. */
async function seedTwice(ds: DataSource): Promise<void> {
  const service = seeder(ds);
  const first = await service.seed(data);
  expect(first.networks).toEqual({ created: data.networks.length, updated: 0, unchanged: 0 });
  expect(first.people.created).toBe(data.people.length);
  expect(first.memberships.created).toBe(membershipCount);
  expect(first.partnerships.created).toBe(partnershipDirections);
  const afterFirst = await counts(ds);
  expect(afterFirst).toMatchObject({
    networks: data.networks.length,
    partnerships: partnershipDirections,
    people: data.people.length,
    accounts: data.people.length,
    memberships: membershipCount,
  });

  const second = await service.seed(data);
  expect(second.networks).toEqual({ created: 0, updated: 0, unchanged: data.networks.length });
  expect(second.people).toEqual({ created: 0, updated: 0, unchanged: data.people.length });
  expect(second.accounts.created).toBe(0);
  expect(second.memberships).toEqual({ created: 0, unchanged: membershipCount });
  expect(second.partnerships.created).toBe(0);
  expect(await counts(ds)).toEqual(afterFirst);
}

describe.each(ENGINES)('demo seed on %s', (engine) => {
  let db: TestDataSource;
  let ds: DataSource;

  beforeAll(async () => {
    db = await testDataSource(engine, { entities: ENTITIES });
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.close();
  });

  it('runs twice with identical row counts the second time', async () => {
    await seedTwice(ds);
  });

  it('names every network in en, es, pt and fr, with its languages and PUBLIC visibility', async () => {
    const rows = (await ds.query(
      `SELECT slug, name, description, default_language, working_languages, visibility FROM network ORDER BY slug`,
    )) as Array<{
      slug: string;
      name: Record<string, { text: string; status: string }>;
      description: Record<string, { text: string }>;
      default_language: string;
      working_languages: string[];
      visibility: string;
    }>;
    expect(rows.map((r) => r.slug)).toEqual(data.networks.map((n) => n.slug).sort());
    for (const row of rows) {
      for (const language of ['en', 'es', 'pt', 'fr']) {
        expect(row.name[language]?.text).toEqual(expect.any(String));
        expect(row.description[language]?.text).toEqual(expect.any(String));
      }
      expect(row.working_languages).toContain(row.default_language);
      expect(row.visibility).toBe('PUBLIC');
    }
    const latam = rows.find((r) => r.slug === 'latam-network');
    expect(latam?.default_language).toBe('es');
    expect(latam?.name.es).toEqual({
      text: 'Red Latinoamericana para la Prevención del Genocidio y Atrocidades Masivas',
      status: 'ORIGINAL',
    });
  });

  it('stores partnerships in both directions', async () => {
    const asymmetric = (await ds.query(
      `SELECT a.network_id FROM network_partner a
        WHERE NOT EXISTS (SELECT 1 FROM network_partner b WHERE b.network_id = a.partner_id AND b.partner_id = a.network_id)`,
    )) as unknown[];
    expect(asymmetric).toEqual([]);
    const pairs = (await ds.query(
      `SELECT n.slug AS network, p.slug AS partner
         FROM network_partner np JOIN network n ON n.id = np.network_id JOIN network p ON p.id = np.partner_id
        ORDER BY 1`,
    )) as Array<{ network: string; partner: string }>;
    expect(pairs).toEqual([
      { network: 'lac-cso-forum', partner: 'latam-network' },
      { network: 'latam-network', partner: 'lac-cso-forum' },
    ]);
  });

  it('creates accounts whose argon2id hash verifies the documented demo password', async () => {
    const [account] = (await ds.query(
      `SELECT a.password_hash, a.is_admin, p.preferred_language
         FROM account a JOIN person p ON p.id = a.person_id WHERE a.email = $1`,
      ['carlos.benitez@example.org'],
    )) as Array<{ password_hash: string; is_admin: boolean; preferred_language: string }>;
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(account.password_hash, 'enlace-demo-2025')).toBe(true);
    expect(await argon2.verify(account.password_hash, 'wrong password')).toBe(false);
    expect(account.is_admin).toBe(false);
    expect(account.preferred_language).toBe('es');
  });

  it('opens focal-point terms bound to their member state', async () => {
    const rows = (await ds.query(
      `SELECT a.email, m.role, m.member_state, m.ends_on
         FROM membership m JOIN account a ON a.person_id = m.person_id JOIN network n ON n.id = m.network_id
        WHERE n.slug = 'icglr-committee' AND m.role IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT')
        ORDER BY m.member_state, m.role DESC`,
    )) as Array<{ email: string; role: string; member_state: string; ends_on: string | null }>;
    expect(rows.map((r) => [r.member_state, r.role])).toEqual([
      ['KE', 'FOCAL_POINT'],
      ['KE', 'ALTERNATE_FOCAL_POINT'],
      ['TZ', 'FOCAL_POINT'],
      ['UG', 'FOCAL_POINT'],
    ]);
    expect(rows.every((r) => r.ends_on === null)).toBe(true);
  });

  it('audits every created row as the system (no actor)', async () => {
    const rows = (await ds.query(
      `SELECT entity_type, count(*)::int AS n, count(actor_person_id)::int AS with_actor
         FROM audit_log WHERE request_id = 'seed:demo' GROUP BY entity_type ORDER BY entity_type`,
    )) as Array<{ entity_type: string; n: number; with_actor: number }>;
    expect(rows).toEqual([
      { entity_type: 'account', n: data.people.length, with_actor: 0 },
      { entity_type: 'membership', n: membershipCount, with_actor: 0 },
      { entity_type: 'network', n: data.networks.length, with_actor: 0 },
      { entity_type: 'network_partner', n: partnershipDirections, with_actor: 0 },
      { entity_type: 'person', n: data.people.length, with_actor: 0 },
    ]);
    const secrets = (await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%argon2%'`)) as [
      { n: number },
    ];
    expect(secrets[0].n).toBe(0);
  });

  it('restores the demo texts of a network that was edited, and keeps an edited password', async () => {
    await ds.query(
      `UPDATE network SET name = name || '{"en": {"text": "Renamed", "status": "TRANSLATED"}}' WHERE slug = 'gaamac'`,
    );
    await ds.query(`UPDATE account SET password_hash = 'kept' WHERE email = 'claire.morel@example.org'`);
    const before = await counts(ds);
    const result = await seeder(ds).seed(data);
    expect(result.networks).toEqual({ created: 0, updated: 1, unchanged: data.networks.length - 1 });
    const [gaamac] = (await ds.query(`SELECT name, version FROM network WHERE slug = 'gaamac'`)) as Array<{
      name: Record<string, { text: string }>;
      version: number;
    }>;
    expect(gaamac.name.en.text).toBe('Global Action Against Mass Atrocity Crimes (GAAMAC)');
    expect(gaamac.version).toBe(2);
    const [claire] = (await ds.query(`SELECT password_hash FROM account WHERE email = 'claire.morel@example.org'`)) as [
      { password_hash: string },
    ];
    expect(claire.password_hash).toBe('kept');
    expect(await counts(ds)).toEqual({
      ...before,
      audit_entries: before.audit_entries + 1,
      network_versions: before.network_versions + 1,
    });
  });

  it('leaves a membership alone when the person already holds a current term in that role', async () => {
    const laterStart: DemoData = {
      ...data,
      people: data.people.map((p) =>
        p.email === 'wanjiru.kamau@example.org'
          ? { ...p, memberships: p.memberships.map((m) => ({ ...m, startsOn: '2025-01-01' })) }
          : p,
      ),
    };
    const before = await counts(ds);
    const result = await seeder(ds).seed(laterStart);
    expect(result.memberships.created).toBe(0);
    expect(await counts(ds)).toEqual(before);
  });

  it('runs again after a demo seat changed hands, leaving the successor in the seat', async () => {
    // A secretariat designated a successor for Tanzania: the demo focal point's term ended today.
    const [seat] = (await ds.query(
      `SELECT m.id, m.network_id AS "networkId" FROM membership m JOIN network n ON n.id = m.network_id
        WHERE n.slug = 'icglr-committee' AND m.member_state = 'TZ' AND m.role = 'FOCAL_POINT' AND m.ends_on IS NULL`,
    )) as { id: string; networkId: string }[];
    await ds.query(`UPDATE membership SET ends_on = current_date WHERE id = $1`, [seat.id]);
    const [successor] = (await ds.query(
      `INSERT INTO person (name, preferred_language) VALUES ('Successor of TZ', 'en') RETURNING id`,
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on, visibility)
       VALUES ($1, $2, 'FOCAL_POINT', 'TZ', current_date, 'NETWORK')`,
      [successor.id, seat.networkId],
    );

    const result = await seeder(ds).seed(data);
    expect(result.memberships.created).toBe(0);
    const holders = (await ds.query(
      `SELECT person_id AS "personId" FROM membership m JOIN network n ON n.id = m.network_id
        WHERE n.slug = 'icglr-committee' AND m.member_state = 'TZ' AND m.role = 'FOCAL_POINT' AND m.ends_on IS NULL`,
    )) as { personId: string }[];
    expect(holders).toEqual([{ personId: successor.id }]);
  });
});
