import request from 'supertest';
import { insertNetwork } from '@enlace/testing';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const HEADER = 'external_ref,name,email,job_title,country,role,member_state,languages';
const COUNTRIES = ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'EC', 'GT', 'HN', 'MX', 'PA', 'PE', 'PY', 'SV', 'UY'];
const ROWS = 20_000;

interface Report {
  dryRun: boolean;
  applied: boolean;
  message: string | null;
  summary: { created: number; updated: number; unchanged: number; rejected: number };
  errors: { line: number; message: string }[];
  rows: {
    line: number;
    outcome: string;
    personId: string | null;
    errors: { field: string; column: string; message: string }[];
  }[];
}

/**
 * The largest file an import takes, built so that every row's line and outcome is known: quoted cells
 * spanning two lines, accents and emoji on either side of wherever the reader cuts the file, and a few
 * bad rows. The report must say exactly that, as it did when the file was read in one piece.
 */
function largeFile() {
  const lines = [HEADER];
  const expected: Report['rows'] = [];
  let line = 1;
  let lineOfSeventh = 0;
  for (let i = 0; i < ROWS; i += 1) {
    const id = String(i).padStart(5, '0');
    const country = COUNTRIES[i % COUNTRIES.length];
    const seat = i < COUNTRIES.length ? 'FOCAL_POINT' : null;
    let email = `persona.${id}@example.org`;
    let countryCell = country;
    const errors: Report['rows'][number]['errors'] = [];
    if (i === 4_321 || i === 17_002) {
      email = `not-an-email-${i}`;
      errors.push({ field: 'email', column: 'Email', message: 'Enter a valid email address.' });
    }
    if (i === 12_345) {
      countryCell = 'XX';
      errors.push({
        field: 'country',
        column: 'Country',
        message: '"XX" is not a country: give its ISO 3166-1 two-letter code (for example PE or FR) or its name.',
      });
    }
    if (i === 19_999) {
      email = 'persona.00007@example.org';
      errors.push({ field: 'email', column: 'Email', message: `This value already appears on line ${lineOfSeventh}.` });
    }
    const twoLines = i % 997 === 0;
    const jobTitle = twoLines ? `"Directora ""general""\nde Derechos Humanos ${id}"` : `Asesor ${id}`;
    line += 1;
    lines.push(
      `REF-${id},Núñez Ñandú 💬 ${id},${email},${jobTitle},${countryCell},${seat ?? (i % 2 ? 'OBSERVER' : 'CIVIL_SOCIETY')},` +
        `${seat ? country : ''},es pt`,
    );
    const recordLine = twoLines ? line + 1 : line; // a record's line is the one it ends on
    if (twoLines) line += 1;
    if (i === 7) lineOfSeventh = recordLine;
    expected.push({
      line: recordLine,
      outcome: errors.length > 0 ? 'REJECTED' : 'CREATED',
      personId: errors.length > 0 ? null : expect.stringMatching(/^[0-9a-f-]{36}$/),
      errors,
    } as Report['rows'][number]);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, expected };
}

describe('directory import (CSV): the largest file', () => {
  let t: TestApp;
  let networkId: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource, { defaultLanguage: 'en' })).id;
    token = (await signedInMember(t, { name: 'Secretariat', networkId, role: 'SECRETARIAT' })).token;
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports each of 20,000 rows with its line, outcome and localised reasons, and writes nothing', async () => {
    const { csv, expected } = largeFile();
    const people = async () =>
      Number(((await t.dataSource.query(`SELECT count(*) AS n FROM person`)) as { n: string }[])[0].n);
    const before = await people();
    const res = await request(t.url)
      .post(`/directory/imports?networkId=${networkId}&dryRun=true`)
      .set('content-type', 'text/csv')
      .set('authorization', `Bearer ${token}`)
      .set('accept-language', 'en')
      .send(Buffer.from(csv, 'utf8'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const report = res.body as Report;
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      message: '4 rows have problems: nothing was imported. Correct them and try again.',
      summary: { created: ROWS - 4, updated: 0, unchanged: 0, rejected: 4 },
      errors: [],
    });
    expect(report.rows).toHaveLength(ROWS);
    expect(report.rows).toEqual(expected);
    expect(new Set(report.rows.map((r) => r.personId)).size).toBe(ROWS - 4 + 1); // distinct, and null
    expect(await people()).toBe(before);
  });
});
