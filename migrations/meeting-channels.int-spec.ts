import { DataSource } from 'typeorm';
import { runMigrations } from '@enlace/core';
import { ENGINES, TestDataSource, testDataSource } from '@enlace/testing';
import { MeetingChannels1732840000000 } from './1732840000000-meeting-channels';
import { MIGRATIONS } from './index';

/** Every migration before the meeting-channels one: meetings scheduled before channels existed. */
const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(MeetingChannels1732840000000));

async function step(ds: DataSource, direction: 'up' | 'down'): Promise<void> {
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    await q.startTransaction();
    await new MeetingChannels1732840000000()[direction](q);
    await q.commitTransaction();
  } catch (error) {
    await q.rollbackTransaction();
    throw error;
  } finally {
    await q.release();
  }
}

describe.each(ENGINES)('meeting channels migration on %s', (engine) => {
  let db: TestDataSource;
  let ds: DataSource;

  beforeAll(async () => {
    db = await testDataSource(engine, { empty: true, migrations: BEFORE });
    ds = db.dataSource;
    await runMigrations(ds);
  });

  afterAll(async () => {
    await db?.close();
  });

  async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
    return ((await ds.query(sql, params)) as T[])[0];
  }

  it('gives every scheduled meeting its channel with its invitees and partners, recovers role invitations, and down() undoes it', async () => {
    const network = (slug: string, lang: string) =>
      one<{ id: string }>(
        `INSERT INTO network (slug, name, kind, default_language, working_languages)
         VALUES ($1, $2, 'GOVERNMENTAL', $3, ARRAY[$3]) RETURNING id`,
        [slug, JSON.stringify({ [lang]: { text: slug, status: 'ORIGINAL' } }), lang],
      );
    const lac = (await network('lac', 'es')).id;
    const forum = (await network('forum', 'es')).id;
    await ds.query(`INSERT INTO network_partner (network_id, partner_id) VALUES ($1, $2), ($2, $1)`, [lac, forum]);
    const person = async (name: string) =>
      (await one<{ id: string }>(`INSERT INTO person (name) VALUES ($1) RETURNING id`, [name])).id;
    const [ana, bruno, carla] = [await person('ana'), await person('bruno'), await person('carla')];
    await ds.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on)
       VALUES ($1, $3, 'FOCAL_POINT', 'AR', '2020-01-01'), ($2, $4, 'CIVIL_SOCIETY', NULL, '2020-01-01')`,
      [ana, bruno, lac, forum],
    );
    const meeting = async (status: string, title: object) =>
      (
        await one<{ id: string }>(
          `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status, created_by)
           VALUES ($1, 'CONSULTATION', $2, '2030-03-28T12:00Z', '2030-03-29T21:00Z', 'America/Lima', 'PARTNERS', $3, $4)
           RETURNING id`,
          [lac, JSON.stringify(title), status, carla],
        )
      ).id;
    const scheduled = await meeting('SCHEDULED', {
      fr: { text: 'Consultation conjointe', status: 'TRANSLATED' },
      es: { text: '  Consulta conjunta  ', status: 'ORIGINAL' },
    });
    const draft = await meeting('DRAFT', { es: { text: 'Borrador', status: 'ORIGINAL' } });
    await ds.query(`INSERT INTO meeting_partner (meeting_id, network_id) VALUES ($1, $2), ($3, $2)`, [
      scheduled,
      forum,
      draft,
    ]);
    for (const id of [scheduled, draft]) {
      await ds.query(
        `INSERT INTO meeting_invitee (meeting_id, person_id, via_role)
         VALUES ($1, $2, 'FOCAL_POINT'), ($1, $3, 'CIVIL_SOCIETY'), ($1, $4, NULL)`,
        [id, ana, bruno, carla],
      );
    }

    await step(ds, 'up');

    const linked = await one<{ channel_id: string | null }>(`SELECT channel_id FROM meeting WHERE id = $1`, [
      scheduled,
    ]);
    expect(linked.channel_id).toEqual(expect.any(String));
    expect(await one(`SELECT channel_id FROM meeting WHERE id = $1`, [draft])).toEqual({ channel_id: null });
    expect(
      await one(
        `SELECT network_id, kind, visibility, name, language, created_by, archived_at FROM channel WHERE id = $1`,
        [linked.channel_id],
      ),
    ).toEqual({
      network_id: lac,
      kind: 'MEETING',
      visibility: 'RESTRICTED',
      name: 'Consulta conjunta',
      language: 'es',
      created_by: carla,
      archived_at: null,
    });
    const members = (await ds.query(`SELECT person_id FROM channel_member WHERE channel_id = $1 ORDER BY person_id`, [
      linked.channel_id,
    ])) as { person_id: string }[];
    expect(members.map((m) => m.person_id)).toEqual([ana, bruno, carla].sort());
    expect(await ds.query(`SELECT network_id FROM channel_partner WHERE channel_id = $1`, [linked.channel_id])).toEqual(
      [{ network_id: forum }],
    );
    const roles = (await ds.query(
      `SELECT meeting_id, network_id, role FROM meeting_role_invitation ORDER BY meeting_id, role`,
    )) as { meeting_id: string; network_id: string; role: string }[];
    expect(roles).toEqual(
      expect.arrayContaining([
        { meeting_id: scheduled, network_id: forum, role: 'CIVIL_SOCIETY' },
        { meeting_id: scheduled, network_id: lac, role: 'FOCAL_POINT' },
        { meeting_id: draft, network_id: forum, role: 'CIVIL_SOCIETY' },
        { meeting_id: draft, network_id: lac, role: 'FOCAL_POINT' },
      ]),
    );
    expect(roles).toHaveLength(4);

    await step(ds, 'down');
    expect(await one(`SELECT count(*)::int AS n FROM channel`)).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM meeting_invitee`)).toEqual({ n: 6 });
    await step(ds, 'up');
    expect(await one(`SELECT count(*)::int AS n FROM channel WHERE kind = 'MEETING'`)).toEqual({ n: 1 });
  });
});
