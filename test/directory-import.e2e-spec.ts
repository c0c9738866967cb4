import countries from 'i18n-iso-countries';
import request from 'supertest';
import { insertDirectoryPerson, insertNetwork } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const HEADER = 'external_ref,name,email,phone,organisation,organisation_type,country,role,member_state,languages';
const CODES = Object.keys(countries.getAlpha2Codes()).sort().slice(0, 200);

/** A file of `n` valid rows: 200 focal points, 200 alternates, the rest observers and civil society. */
function rows(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = String(i).padStart(5, '0');
    const role = i < 200 ? 'FOCAL_POINT' : i < 400 ? 'ALTERNATE_FOCAL_POINT' : i % 2 ? 'OBSERVER' : 'CIVIL_SOCIETY';
    const state = i < 400 ? CODES[i % 200] : '';
    const country = CODES[i % 200];
    out.push(
      `REF-${id},Persona ${id},persona.${id}@example.org,+595 21 ${id},Ministerio ${i % 50},GOVERNMENT,${country},${role},${state},es pt`,
    );
  }
  return out;
}

interface Report {
  dryRun: boolean;
  applied: boolean;
  message: string | null;
  summary: { created: number; updated: number; unchanged: number; rejected: number };
  errors: { line: number; message: string }[];
  rows: { line: number; outcome: string; errors: { field: string; column: string; message: string }[] }[];
}

describe('directory import (CSV)', () => {
  let t: TestApp;
  let net: { id: string };
  let token: string;
  let observerToken: string;

  const upload = async (
    csv: string | Buffer,
    options: { dryRun?: boolean; lang?: string; auth?: string | null } = {},
  ) => {
    let req = request(t.url)
      .post(`/directory/imports?networkId=${net.id}&dryRun=${options.dryRun ?? false}`)
      .set('content-type', 'text/csv');
    const auth = options.auth === undefined ? token : options.auth;
    if (auth) req = req.set('authorization', `Bearer ${auth}`);
    if (options.lang) req = req.set('accept-language', options.lang);
    const res = await req.send(typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv);
    return { status: res.status, body: res.body as Report & { error?: { code: string; message: string } } };
  };
  const count = async (sql: string) => Number(((await t.dataSource.query(sql)) as { n: string }[])[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    net = await insertNetwork(ds, { slug: 'import-network', defaultLanguage: 'es' });
    token = (await signedInMember(t, { name: 'Secretaría', networkId: net.id, role: 'SECRETARIAT' })).token;
    observerToken = (await signedInMember(t, { name: 'Observer', networkId: net.id, role: 'OBSERVER' })).token;
    await insertDirectoryPerson(ds, {
      name: 'Already Here',
      externalRef: 'EXISTING-1',
      contacts: [{ kind: 'EMAIL', value: 'taken@example.org' }],
      memberships: [{ networkId: net.id, role: 'OBSERVER' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a 10,000-row file with five bad rows, reporting exactly those with line and localised reason', async () => {
    const data = rows(10_000);
    data[99] = data[99].replace(/,ZZ,|,[A-Z]{2},FOCAL_POINT/, ',XX,FOCAL_POINT'); // line 101: unknown country
    data[1999] = data[1999].replace('persona.01999@', 'persona.01500@'); // line 2001: email already on line 1502
    data[2999] = data[2999].replace('persona.02999@example.org', 'taken@example.org'); // line 3001: another person's
    data[150] = data[150].replace(/FOCAL_POINT,[A-Z]{2}/, 'FOCAL_POINT,'); // line 152: focal point without state
    data[7999] = data[7999].replace('persona.07999@example.org', 'not-an-email'); // line 8001
    const before = await count(`SELECT count(*) AS n FROM person`);
    const res = await upload([HEADER, ...data].join('\n'), { lang: 'es' });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.summary.rejected).toBe(5);
    expect(res.body.message).toBe('5 filas tienen problemas: no se importó nada. Corríjalas e inténtelo de nuevo.');
    const rejected = res.body.rows.filter((r) => r.outcome === 'REJECTED');
    expect(rejected.map((r) => [r.line, r.errors.map((e) => `${e.column}: ${e.message}`)])).toEqual([
      [
        101,
        ['País: "XX" no es un país: indique su código ISO 3166-1 de dos letras (por ejemplo PE o FR) o su nombre.'],
      ],
      [
        152,
        [
          'Estado miembro: Los puntos focales y suplentes representan a un Estado miembro: indique su código ISO 3166-1 de dos letras.',
        ],
      ],
      [2001, ['Correo electrónico: Este valor ya aparece en la línea 1502.']],
      [3001, ['Correo electrónico: Esta dirección de correo ya pertenece a otra persona.']],
      [8001, ['Correo electrónico: Introduzca un correo electrónico válido.']],
    ]);
    expect(await count(`SELECT count(*) AS n FROM person`)).toBe(before);
  });

  it('imports the corrected file all at once, then again with no change', async () => {
    const csv = [HEADER, ...rows(10_000)].join('\n');
    const dry = await upload(csv, { dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, summary: { created: 10_000, rejected: 0 } });
    expect(await count(`SELECT count(*) AS n FROM person WHERE external_ref LIKE 'REF-%'`)).toBe(0);

    const started = Date.now();
    const applied = await upload(csv);
    const elapsed = Date.now() - started;
    process.stdout.write(`10,000-row import applied in ${elapsed} ms\n`);
    expect(applied.body).toMatchObject({
      applied: true,
      summary: { created: 10_000, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(await count(`SELECT count(*) AS n FROM person WHERE external_ref LIKE 'REF-%'`)).toBe(10_000);
    expect(await count(`SELECT count(*) AS n FROM organisation`)).toBe(50);
    expect(await count(`SELECT count(*) AS n FROM member_state WHERE network_id = '${net.id}'`)).toBe(200);
    const audited = await count(`SELECT count(*) AS n FROM audit_log`);

    const again = await upload(csv);
    expect(again.body).toMatchObject({
      applied: true,
      summary: { created: 0, updated: 0, unchanged: 10_000, rejected: 0 },
    });
    expect(await count(`SELECT count(*) AS n FROM audit_log`)).toBe(audited);

    // The imported people are searchable at once.
    const found = await t.gql(op.people({ text: 'persona 00042', networkId: net.id }), { token });
    expect(found.body.data).toMatchObject({ people: { totalCount: 1, edges: [{ node: { name: 'Persona 00042' } }] } });
  });

  it('hands over seats and updates changed rows, matched by email or external reference', async () => {
    const csv = [
      HEADER,
      'REF-NEW-1,Nueva Punto Focal,nueva@example.org,,Ministerio 1,GOVERNMENT,AD,FOCAL_POINT,AD,es', // takes AD's seat
      ',Persona 00001 Renamed,persona.00001@example.org,,Ministerio 1,GOVERNMENT,AE,FOCAL_POINT,AE,es pt', // by email
      'REF-00002,Persona 00002,,,,,,FOCAL_POINT,AF,', // by reference, unchanged
    ].join('\n');
    const res = await upload(csv);
    expect(res.body.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'CREATED'],
      [3, 'UPDATED'],
      [4, 'UNCHANGED'],
    ]);
    const [seat] = (await t.dataSource.query(
      `SELECT p.name FROM membership m JOIN person p ON p.id = m.person_id
       WHERE m.network_id = $1 AND m.member_state = 'AD' AND m.role = 'FOCAL_POINT' AND m.ends_on IS NULL`,
      [net.id],
    )) as { name: string }[];
    expect(seat.name).toBe('Nueva Punto Focal');
    expect(await count(`SELECT count(*) AS n FROM membership WHERE member_state = 'AD' AND role = 'FOCAL_POINT'`)).toBe(
      2,
    );
  });

  it('reports a wrong header, a bad encoding and a malformed line, and writes nothing', async () => {
    const header = await upload('nombre,correo,cargo_desconocido\nA,b@example.org,x', { lang: 'fr' });
    expect(header.body.errors).toEqual(
      expect.arrayContaining([
        { line: 1, message: 'Ligne 1 : la colonne « correo » est inconnue.' },
        { line: 1, message: 'Ligne 1 : la colonne obligatoire « Rôle » manque.' },
      ]),
    );
    // One bad row is counted in the singular.
    const oneBad = `${HEADER}\nR9,Ana,not-an-email,,,,PE,OBSERVER,,es`;
    expect((await upload(oneBad, { lang: 'fr', dryRun: true })).body.message).toBe(
      '1 ligne pose problème : rien n’a été importé. Corrigez-la et réessayez.',
    );
    expect((await upload(oneBad, { lang: 'en', dryRun: true })).body.message).toBe(
      '1 row has problems: nothing was imported. Correct it and try again.',
    );
    const latin1 = Buffer.from(`${HEADER}\nR1,Jos\xe9 P\xe9rez,jose@example.org,,,,PE,OBSERVER,,es`, 'latin1');
    const encoding = await upload(latin1, { lang: 'pt' });
    expect(encoding.body.errors).toEqual([
      { line: 1, message: 'O ficheiro não é texto UTF-8. Guarde-o como "CSV UTF-8" e carregue-o novamente.' },
    ]);
    const malformed = await upload(`${HEADER}\nR1,"Unclosed,jose@example.org,,,,PE,OBSERVER,,es`);
    expect(malformed.body.errors[0].line).toBeGreaterThanOrEqual(2);
    expect(malformed.body.applied).toBe(false);
  });

  it('accepts localised headers and semicolons, as spreadsheets in Spanish save them', async () => {
    const csv =
      'Referencia externa;Nombre;Correo electrónico;Rol;Estado miembro\nES-1;Lucía Gómez;lucia@example.org;Punto focal suplente;AD';
    const res = await upload(csv, { dryRun: true });
    expect(res.body.rows).toEqual([{ line: 2, outcome: 'CREATED', personId: expect.any(String), errors: [] }]);
  });

  it('gives a new person the network’s language when the file names none', async () => {
    const csv =
      'Referencia externa;Nombre;Correo electrónico;Rol\nES-LANG-1;Marta Ruiz;marta.ruiz@example.org;Observador';
    const res = await upload(csv);
    expect(res.body).toMatchObject({ applied: true, summary: { created: 1, rejected: 0 } });
    const [person] = (await t.dataSource.query(
      `SELECT preferred_language FROM person WHERE external_ref = 'ES-LANG-1'`,
    )) as {
      preferred_language: string;
    }[];
    expect(person.preferred_language).toBe('es');
  });

  it('is for the network’s secretariat only, and needs a token', async () => {
    const csv = `${HEADER}\n${rows(1)[0]}`;
    const observer = await upload(csv, { auth: observerToken });
    expect(observer.status).toBe(403);
    expect(observer.body.error?.code).toBe('FORBIDDEN');
    const anonymous = await upload(csv, { auth: null });
    expect(anonymous.status).toBe(401);
  });

  it('takes small files through GraphQL too', async () => {
    const res = await t.gql(
      op.importDirectory({ networkId: net.id, csv: `${HEADER}\n${rows(403).slice(400).join('\n')}`, dryRun: true }),
      {
        token,
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({
      importDirectory: { applied: false, summary: { created: 0, updated: 0, unchanged: 3, rejected: 0 } },
    });
  });
});
