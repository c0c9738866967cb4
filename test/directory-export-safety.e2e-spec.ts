import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { insertDirectoryPerson, insertNetwork } from '@enlace/testing';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

/** Exports opened in a spreadsheet never run what people typed (OWASP "CSV Injection"), and are never sniffed. */
describe('directory exports are safe to open', () => {
  let t: TestApp;
  let secretariat: string;
  let networkId: string;

  const download = (path: string) =>
    request(t.url)
      .get(path)
      .set('accept-language', 'en')
      .set('authorization', `Bearer ${secretariat}`)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        res.on('end', () => cb(null, data));
      });

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    networkId = (await insertNetwork(ds, { slug: 'export-safety', visibility: 'NETWORK' })).id;
    secretariat = (await signedInMember(t, { name: 'Sara Secretariat', networkId, role: 'SECRETARIAT' })).token;
    await insertDirectoryPerson(ds, {
      name: '=WEBSERVICE("http://x")',
      jobTitle: "@SUM(1+1)*cmd|' /C calc'!A0",
      honorific: '-2+3',
      externalRef: '\t=1+1',
      contacts: [{ kind: 'PHONE', value: '+51 1 204 2400', visibility: 'NETWORK' }],
      memberships: [{ networkId, role: 'OBSERVER' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports a name that is a formula as a neutralised, quoted cell', async () => {
    const res = await download(`/directory/export?format=csv&networkId=${networkId}&text=webservice`);
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body = res.body as string;
    expect(body).toContain(`"'=WEBSERVICE(""http://x"")"`);
    const [header, row, ...rest] = parse(body.replace(/^\uFEFF/, '')) as string[][];
    expect(rest).toEqual([]);
    const cell = (column: string) => row[header.indexOf(column)];
    expect(cell('Name')).toBe(`'=WEBSERVICE("http://x")`);
    expect(cell('Job title')).toBe(`'@SUM(1+1)*cmd|' /C calc'!A0`);
    expect(cell('Honorific')).toBe(`'-2+3`);
    expect(cell('External reference')).toBe(`'\t=1+1`);
    // Phone numbers are text too: a leading + is neutralised like any other sign.
    expect(cell('Phone')).toBe(`'+51 1 204 2400`);
    // No cell of the file starts a formula.
    for (const value of [...header, ...row]) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves the vCard export as it is: vCards are not spreadsheets', async () => {
    const res = await download(`/directory/export?format=vcf&networkId=${networkId}&text=webservice`);
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body = res.body as string;
    expect(body).toContain('FN:=WEBSERVICE("http://x")\r\n');
    expect(body).toContain('TEL;TYPE=voice;VALUE=text:+51 1 204 2400\r\n');
  });
});
