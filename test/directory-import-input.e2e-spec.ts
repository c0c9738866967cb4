import request from 'supertest';
import { insertAccount, insertMembership, insertNetwork, insertSession } from '@enlace/testing';
import { startTestApp, TestApp } from './support/test-app';

const HEADER = 'external_ref,name,email,role';

interface Report {
  dryRun: boolean;
  applied: boolean;
  summary: { created: number; updated: number; unchanged: number; rejected: number };
  errors: { line: number; message: string }[];
  rows: { line: number; outcome: string; errors: { field: string; column: string; message: string }[] }[];
}

/** Bad input to the CSV import door (issue 9, item 5): a row error or a 4xx in the routes' shape, never a 500. */
describe('directory import: input the database cannot take', () => {
  let t: TestApp;
  let net: { id: string };
  let token: string;

  const upload = async (csv: string | Buffer, options: { dryRun: boolean; lang?: string }) => {
    let req = request(t.url)
      .post(`/directory/imports?networkId=${net.id}&dryRun=${options.dryRun}`)
      .set('content-type', 'text/csv')
      .set('authorization', `Bearer ${token}`);
    if (options.lang) req = req.set('accept-language', options.lang);
    const res = await req.send(typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv);
    return { status: res.status, body: res.body as Report & { error?: { code: string; message: string } } };
  };
  const people = async () =>
    Number(
      (
        (await t.dataSource.query(`SELECT count(*) AS n FROM membership WHERE network_id = $1`, [net.id])) as {
          n: string;
        }[]
      )[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    net = await insertNetwork(t.dataSource, { slug: 'import-input', defaultLanguage: 'es' });
    const sec = await insertAccount(t.dataSource, { name: 'Secretaría' });
    await insertMembership(t.dataSource, { personId: sec.personId, networkId: net.id, role: 'SECRETARIAT' });
    token = await insertSession(t.dataSource, sec.accountId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports a NUL in a cell as a localised row error in the dry run, and the apply refuses it all', async () => {
    const csv = `${HEADER}\nR1,Ana Pérez,ana@example.org,OBSERVER\nR2,Jos\u0000é,jose@example.org,OBSERVER\nR3,Luz,luz\u0000@example.org,OBSERVER`;
    const before = await people();
    for (const dryRun of [true, false]) {
      const res = await upload(csv, { dryRun, lang: 'es' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun, applied: false, errors: [] });
      expect(res.body.rows[0]).toMatchObject({ line: 2, outcome: 'CREATED', errors: [] });
      expect(res.body.rows.slice(1)).toEqual([
        {
          line: 3,
          outcome: 'REJECTED',
          personId: null,
          errors: [
            {
              field: 'name',
              column: expect.any(String),
              message: 'Este texto contiene caracteres no permitidos (NUL o Unicode no válido).',
            },
          ],
        },
        {
          line: 4,
          outcome: 'REJECTED',
          personId: null,
          errors: [
            {
              field: 'email',
              column: expect.any(String),
              message: 'Este texto contiene caracteres no permitidos (NUL o Unicode no válido).',
            },
          ],
        },
      ]);
    }
    expect(await people()).toBe(before);
  });

  it('answers an upload over 8 MiB with 413 in the routes’ shape, localised', async () => {
    const line = 'R00000,Persona con un nombre largo,persona@example.org,OBSERVER\n';
    const big = Buffer.from(HEADER + '\n' + line.repeat(Math.ceil((9 * 1024 * 1024) / line.length)));
    const res = await upload(big, { dryRun: true, lang: 'fr' });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: { code: 'BAD_USER_INPUT', message: 'Le fichier dépasse 8388608 octets.' },
    });

    // Sent in chunks, without Content-Length: refused as soon as it passes the limit.
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 9) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${t.url}/directory/imports?networkId=${net.id}&dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}`, 'accept-language': 'pt' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toEqual({
      error: { code: 'BAD_USER_INPUT', message: 'O ficheiro ultrapassa 8388608 bytes.' },
    });
  });
});
