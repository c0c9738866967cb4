import request from 'supertest';
import { insertDirectoryPerson, insertNetwork } from '@enlace/testing';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

/** What a secretariat reads when an export link is wrong (issue 14 item 10). */
describe('directory export errors', () => {
  let t: TestApp;
  let secretariat: string;
  let networkId: string;
  let hiddenId: string;

  const get = (path: string, lang = 'es') =>
    request(t.url).get(path).set('accept-language', lang).set('authorization', `Bearer ${secretariat}`);

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    networkId = (await insertNetwork(ds, { slug: 'export-errors', visibility: 'NETWORK' })).id;
    hiddenId = (await insertNetwork(ds, { slug: 'export-errors-hidden', visibility: 'RESTRICTED' })).id;
    secretariat = (await signedInMember(t, { name: 'Sara Secretariat', networkId, role: 'SECRETARIAT' })).token;
    await insertDirectoryPerson(ds, {
      name: 'Hidden Member',
      memberships: [{ networkId: hiddenId, role: 'OBSERVER' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('names the unknown format in the message, in the caller language', async () => {
    const res = await get(`/directory/export?format=xls&networkId=${networkId}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'BAD_USER_INPUT',
        message: 'Formato de exportación desconocido "xls": use csv o vcf.',
        fields: [{ field: 'format', message: 'Formato de exportación desconocido "xls": use csv o vcf.' }],
      },
    });
  });

  it('refuses activeOnly=yes instead of ignoring it', async () => {
    for (const [lang, message] of [
      ['en', 'Give true or false.'],
      ['es', 'Indique true o false.'],
      ['pt', 'Indique true ou false.'],
      ['fr', 'Indiquez true ou false.'],
    ]) {
      const res = await get(`/directory/export?format=csv&networkId=${networkId}&activeOnly=yes`, lang);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: 'BAD_USER_INPUT', message, fields: [{ field: 'activeOnly', message }] });
    }
    const ok = await get(`/directory/export?format=csv&networkId=${networkId}&activeOnly=false`);
    expect(ok.status).toBe(200);
  });

  it('answers an unknown, malformed or hidden network exactly like a missing one: NOT_FOUND', async () => {
    const answers = [];
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', hiddenId]) {
      const res = await get(`/directory/export?format=csv&networkId=${id}`);
      answers.push([res.status, res.body]);
    }
    expect(answers).toEqual(Array(3).fill([404, { error: { code: 'NOT_FOUND', message: 'No encontrado.' } }]));
  });
});
