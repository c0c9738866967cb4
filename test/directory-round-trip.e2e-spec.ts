import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { insertDirectoryPerson, insertNetwork } from '@enlace/testing';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

interface Report {
  dryRun: boolean;
  applied: boolean;
  summary: { created: number; updated: number; unchanged: number; rejected: number };
  errors: { line: number; message: string }[];
  rows: { line: number; outcome: string; personId: string | null; errors: { field: string; message: string }[] }[];
}

const HEADER =
  'external_ref,name,honorific,job_title,email,phone,organisation,organisation_type,organisation_acronym,country,role,member_state,starts_on,ends_on,languages,preferred_language';

/** The spreadsheet round trip (issue 14 item 17): what the directory exports, it re-imports as it is. */
describe('directory spreadsheet round trip', () => {
  let t: TestApp;
  let net: { id: string };
  let other: { id: string };
  let token: string;

  const upload = async (csv: string, options: { dryRun?: boolean; lang?: string } = {}) => {
    const res = await request(t.url)
      .post(`/directory/imports?networkId=${net.id}&dryRun=${options.dryRun ?? false}`)
      .set('content-type', 'text/csv')
      .set('authorization', `Bearer ${token}`)
      .set('accept-language', options.lang ?? 'en')
      .send(Buffer.from(csv, 'utf8'));
    expect(res.status).toBe(200);
    return res.body as Report;
  };
  const download = async (lang: string): Promise<string> => {
    const res = await request(t.url)
      .get(`/directory/export?format=csv&networkId=${net.id}`)
      .set('accept-language', lang)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        r.on('end', () => cb(null, data));
      });
    expect(res.status).toBe(200);
    return res.body as string;
  };
  const terms = async (ref: string) =>
    (await t.dataSource.query(
      `SELECT m.role, trim(m.member_state) AS "memberState", m.starts_on::text AS "startsOn", m.ends_on::text AS "endsOn"
         FROM membership m JOIN person p ON p.id = m.person_id
        WHERE p.external_ref = $1 AND m.network_id = $2 ORDER BY m.starts_on, m.role`,
      [ref, net.id],
    )) as { role: string; memberState: string | null; startsOn: string; endsOn: string | null }[];
  const today = async () => ((await t.dataSource.query(`SELECT current_date::text AS d`)) as { d: string }[])[0].d;

  beforeAll(async () => {
    t = await startTestApp();
    net = await insertNetwork(t.dataSource, { slug: 'round-trip', defaultLanguage: 'es', visibility: 'NETWORK' });
    other = await insertNetwork(t.dataSource, {
      slug: 'round-trip-other',
      defaultLanguage: 'en',
      visibility: 'NETWORK',
    });
    const secretariat = await signedInMember(t, { name: 'Sara Secretaría', networkId: net.id, role: 'SECRETARIAT' });
    token = secretariat.token;
    await t.dataSource.query(`UPDATE person SET external_ref = 'RT-SEC' WHERE id = $1`, [secretariat.personId]);
    await insertDirectoryPerson(t.dataSource, {
      name: 'Olga Other',
      externalRef: 'OTHER-1',
      contacts: [{ kind: 'EMAIL', value: 'olga@example.org', visibility: 'PUBLIC' }],
      memberships: [{ networkId: other.id, role: 'OBSERVER' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('re-imports its own export with no change and no error, in every language', async () => {
    const first = await upload(
      [
        HEADER,
        'RT-1,Ana Quispe,Sra.,Directora,ana@example.org,+51 1 555 0101,Ministerio del Ambiente,GOVERNMENT,MINAM,PE,FOCAL_POINT,PE,2024-03-01,,es en,es',
        'RT-2,Bruno Costa,,Analista,bruno@example.org,,Ministério das Relações Exteriores,GOVERNMENT,MRE,BR,ALTERNATE_FOCAL_POINT,BR,2024-01-15,2030-12-31,pt,pt',
        'RT-3,Chloé Martin,,,chloe@example.org,,Forum Civil,CIVIL_SOCIETY,,FR,CIVIL_SOCIETY,,2024-02-01,,fr,fr',
        'RT-3,Chloé Martin,,,chloe@example.org,,Forum Civil,CIVIL_SOCIETY,,FR,OBSERVER,,2024-02-01,,fr,fr',
      ].join('\n'),
    );
    expect(first.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(first.summary).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(await terms('RT-3')).toEqual([
      { role: 'CIVIL_SOCIETY', memberState: null, startsOn: '2024-02-01', endsOn: null },
      { role: 'OBSERVER', memberState: null, startsOn: '2024-02-01', endsOn: null },
    ]);
    // A second address, entered on screen: the export lists both, the import reads both.
    const [ana] = (await t.dataSource.query(`SELECT id FROM person WHERE external_ref = 'RT-1'`)) as { id: string }[];
    await t.dataSource.query(
      `INSERT INTO person_contact (person_id, kind, value, visibility, position) VALUES ($1, 'EMAIL', 'ana.q@example.org', 'NETWORK', 200)`,
      [ana.id],
    );

    // Someone whose only term here has ended: their row is that term, with its end date.
    await insertDirectoryPerson(t.dataSource, {
      name: 'Zoe Former',
      externalRef: 'RT-0',
      contacts: [{ kind: 'EMAIL', value: 'zoe@example.org', visibility: 'NETWORK' }],
      memberships: [{ networkId: net.id, role: 'TRAINER', startsOn: '2020-01-01', endsOn: '2022-06-30' }],
    });

    for (const lang of ['es', 'en', 'pt', 'fr']) {
      const csv = await download(lang);
      const [header, ...rows] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
      expect(rows).toHaveLength(6);
      if (lang === 'es') {
        expect(header).toEqual([
          'Referencia externa',
          'Nombre',
          'Tratamiento',
          'Cargo',
          'Correo electrónico',
          'Teléfono',
          'Organización',
          'Tipo de organización',
          'Sigla de la organización',
          'País',
          'Rol',
          'Estado miembro',
          'Fecha de inicio',
          'Fecha de fin',
          'Idiomas',
          'Idioma preferido',
          'Membresías',
        ]);
        const bruno = rows.find((r) => r[1] === 'Bruno Costa')!;
        expect(bruno.slice(6, 14)).toEqual([
          'Ministério das Relações Exteriores',
          'GOVERNMENT',
          'MRE',
          'BR',
          'Punto focal suplente',
          'BR',
          '2024-01-15',
          '2030-12-31',
        ]);
        expect(rows.find((r) => r[1] === 'Ana Quispe')![4]).toBe('ana@example.org; ana.q@example.org');
        expect(rows.find((r) => r[1] === 'Zoe Former')!.slice(10, 14)).toEqual([
          'Formador',
          '',
          '2020-01-01',
          '2022-06-30',
        ]);
      }
      const again = await upload(csv, { dryRun: false, lang });
      expect(again.errors).toEqual([]);
      expect(again.rows.flatMap((r) => r.errors)).toEqual([]);
      expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 6, rejected: 0 });
    }
  });

  it('reads DD/MM/YYYY dates in a Spanish file, and only ISO dates in an English one', async () => {
    const spanish = await upload(
      [
        'Referencia externa,Nombre,Correo electrónico,Rol,Fecha de inicio,Fecha de fin',
        'RT-4,Diego Ríos,diego@example.org,Observador,15/03/2024,31/12/2031',
      ].join('\n'),
    );
    expect(spanish.rows).toMatchObject([{ outcome: 'CREATED', errors: [] }]);
    expect(await terms('RT-4')).toEqual([
      { role: 'OBSERVER', memberState: null, startsOn: '2024-03-15', endsOn: '2031-12-31' },
    ]);
    const english = await upload(
      ['External reference,Name,Email,Role,Start date', 'RT-5,Eva Stone,eva@example.org,Observer,15/03/2024'].join(
        '\n',
      ),
      { dryRun: true },
    );
    expect(english.rows).toMatchObject([
      { outcome: 'REJECTED', errors: [{ field: 'starts_on', message: 'Give a date as YYYY-MM-DD.' }] },
    ]);
    const french = await upload(
      ['Nom,E-mail,Rôle,Date de début', 'Eva Stone,eva@example.org,Observateur,31/02/2024'].join('\n'),
      {
        dryRun: true,
        lang: 'fr',
      },
    );
    expect(french.rows).toMatchObject([
      {
        outcome: 'REJECTED',
        errors: [{ field: 'starts_on', message: 'Indiquez une date au format AAAA-MM-JJ ou JJ/MM/AAAA.' }],
      },
    ]);
  });

  it('reads country and member-state names in any of the four languages, without accents or case', async () => {
    const res = await upload(
      [
        'external_ref,name,email,country,role,member_state',
        'RT-6,Fátima Diallo,fatima@example.org,sénégal,FOCAL_POINT,Sénégal',
        'RT-7,Gil Souza,gil@example.org,Alemanha,OBSERVER,',
        'RT-8,Hugo Pérez,hugo@example.org,PERU,FOCAL_POINT,Perú',
        'RT-9,Inés Vidal,ines@example.org,España,OBSERVER,',
        'RT-10,Jon Bad,jon@example.org,Atlantis,OBSERVER,',
      ].join('\n'),
      { dryRun: true },
    );
    expect(res.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'CREATED', 'REJECTED']);
    expect(res.rows[4].errors).toEqual([
      {
        field: 'country',
        column: 'Country',
        message: '"Atlantis" is not a country: give its ISO 3166-1 two-letter code (for example PE or FR) or its name.',
      },
    ]);
    const applied = await upload(
      [
        'external_ref,name,email,country,role,member_state',
        'RT-6,Fátima Diallo,fatima@example.org,sénégal,FOCAL_POINT,Sénégal',
        'RT-7,Gil Souza,gil@example.org,Alemanha,OBSERVER,',
      ].join('\n'),
    );
    expect(applied.applied).toBe(true);
    const rows = (await t.dataSource.query(
      `SELECT external_ref AS ref, country_code AS country FROM person WHERE external_ref IN ('RT-6', 'RT-7') ORDER BY 1`,
    )) as { ref: string; country: string }[];
    expect(rows).toEqual([
      { ref: 'RT-6', country: 'SN' },
      { ref: 'RT-7', country: 'DE' },
    ]);
    expect(await terms('RT-6')).toEqual([
      { role: 'FOCAL_POINT', memberState: 'SN', startsOn: await today(), endsOn: null },
    ]);
  });

  it('ends a role with the end-date column, and a second import of the same file changes nothing', async () => {
    const csv = ['external_ref,name,email,role,ends_on', 'RT-7,Gil Souza,gil@example.org,OBSERVER,2031-06-30'].join(
      '\n',
    );
    const ended = await upload(csv);
    expect(ended.rows).toMatchObject([{ outcome: 'UPDATED', errors: [] }]);
    expect(await terms('RT-7')).toEqual([
      { role: 'OBSERVER', memberState: null, startsOn: await today(), endsOn: '2031-06-30' },
    ]);
    expect((await upload(csv)).summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    const before = await upload(
      ['external_ref,name,email,role,starts_on,ends_on', 'RT-7,Gil Souza,gil@example.org,OBSERVER,,2001-01-01'].join(
        '\n',
      ),
      { dryRun: true },
    );
    expect(before.rows).toMatchObject([
      { outcome: 'REJECTED', errors: [{ field: 'ends_on', message: 'An end cannot come before the start.' }] },
    ]);
  });

  it('replaces a term when the role changes, instead of piling a second one up', async () => {
    const res = await upload(
      ['external_ref,name,email,role,starts_on', 'RT-4,Diego Ríos,diego@example.org,CIVIL_SOCIETY,2025-01-10'].join(
        '\n',
      ),
    );
    expect(res.rows).toMatchObject([{ outcome: 'UPDATED', errors: [] }]);
    expect(await terms('RT-4')).toEqual([
      { role: 'OBSERVER', memberState: null, startsOn: '2024-03-15', endsOn: '2025-01-10' },
      { role: 'CIVIL_SOCIETY', memberState: null, startsOn: '2025-01-10', endsOn: null },
    ]);
    // A seat: the focal point of Senegal becomes its alternate; one seat held, not both.
    const seat = await upload(
      [
        'external_ref,name,email,role,member_state',
        'RT-6,Fátima Diallo,fatima@example.org,ALTERNATE_FOCAL_POINT,SN',
      ].join('\n'),
    );
    expect(seat.rows).toMatchObject([{ outcome: 'UPDATED', errors: [] }]);
    const held = (await terms('RT-6')).filter((x) => x.endsOn === null || x.endsOn > x.startsOn);
    expect(held.map((x) => [x.role, x.endsOn])).toEqual([['ALTERNATE_FOCAL_POINT', null]]);
  });

  it('stores the acronym a file gives to an organisation that has none', async () => {
    await upload(
      ['external_ref,name,email,organisation,role', 'RT-11,Karl Berg,karl@example.org,Instituto Andino,OBSERVER'].join(
        '\n',
      ),
    );
    const res = await upload(
      [
        'external_ref,name,email,organisation,organisation_acronym,role',
        'RT-11,Karl Berg,karl@example.org,Instituto Andino,IAN,OBSERVER',
      ].join('\n'),
    );
    expect(res.rows).toMatchObject([{ outcome: 'UPDATED', errors: [] }]);
    const [org] = (await t.dataSource.query(
      `SELECT o.acronym FROM organisation o JOIN person p ON p.organisation_id = o.id WHERE p.external_ref = 'RT-11'`,
    )) as { acronym: string | null }[];
    expect(org.acronym).toBe('IAN');
  });

  it("matches only the network's own people: another network's person is never changed nor given a term", async () => {
    const res = await upload(
      ['external_ref,name,email,role,ends_on', 'OTHER-1,Olga Renamed,olga@example.org,OBSERVER,2030-01-01'].join('\n'),
    );
    // Hidden from this secretariat, her reference and address are no answer: the row is someone new.
    expect(res.rows).toMatchObject([{ outcome: 'CREATED', errors: [] }]);
    const olga = (await t.dataSource.query(
      `SELECT p.name, (SELECT count(*)::int FROM membership m WHERE m.person_id = p.id AND m.network_id = $1) AS terms
         FROM person p JOIN membership o ON o.person_id = p.id AND o.network_id = $2 WHERE p.external_ref = 'OTHER-1'`,
      [net.id, other.id],
    )) as { name: string; terms: number }[];
    expect(olga).toEqual([{ name: 'Olga Other', terms: 0 }]);
  });
});
