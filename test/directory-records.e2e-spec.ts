import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { insertDirectoryPerson, insertMemberState, insertNetwork, insertOrganisation } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

describe('directory records: changes, exports, personal data and erasure', () => {
  let t: TestApp;
  let net: { id: string };
  let other: { id: string };
  let secretariat: string;
  let observer: string;
  let observerPersonId: string;
  let admin: string;
  let rosa: { id: string };
  let org: { id: string };

  const download = (path: string, token?: string, lang = 'es') => {
    let req = request(t.url).get(path).set('accept-language', lang);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    return req.buffer(true).parse((res, cb) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      res.on('end', () => cb(null, data));
    });
  };
  const audit = async (entityType: string, entityId: string) =>
    (await t.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [entityType, entityId],
    )) as { action: string; before: unknown; after: unknown }[];

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    net = await insertNetwork(ds, { slug: 'records', visibility: 'NETWORK', defaultLanguage: 'es' });
    other = await insertNetwork(ds, { slug: 'records-other', visibility: 'NETWORK' });
    await insertMemberState(ds, { networkId: net.id, countryCode: 'PE' });
    secretariat = (await signedInMember(t, { name: 'Sara Secretaría', networkId: net.id, role: 'SECRETARIAT' })).token;
    const obs = await signedInMember(t, {
      name: 'Olga Observadora',
      email: 'olga@example.org',
      networkId: net.id,
      role: 'OBSERVER',
    });
    observer = obs.token;
    observerPersonId = obs.personId;
    admin = (await signedInMember(t, { name: 'Admin', isAdmin: true })).token;
    org = await insertOrganisation(ds, { names: { es: 'Cancillería del Perú' }, acronym: 'RREE', countryCode: 'PE' });
    rosa = await insertDirectoryPerson(ds, {
      name: 'Rosa Quispe',
      jobTitle: 'Directora, Derechos Humanos',
      countryCode: 'PE',
      organisationId: org.id,
      languages: ['es', 'en'],
      contacts: [
        { kind: 'EMAIL', value: 'rosa.quispe@example.org', visibility: 'NETWORK' },
        { kind: 'PHONE', value: '+51 1 204 2400', visibility: 'RESTRICTED' },
      ],
      memberships: [{ networkId: net.id, role: 'FOCAL_POINT', memberState: 'PE', startsOn: '2023-06-01' }],
    });
    await insertDirectoryPerson(ds, {
      name: 'Hidden Peruano',
      countryCode: 'PE',
      contacts: [{ kind: 'EMAIL', value: 'hidden@example.org', visibility: 'PUBLIC' }],
      memberships: [{ networkId: other.id, role: 'FOCAL_POINT', memberState: 'PE' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports CSV with localised headers, only the people and contact details the caller may see', async () => {
    const res = await download(`/directory/export?format=csv&text=peru`, observer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = res.body as string;
    const [header, ...lines] = body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toBe(
      'Referencia externa,Nombre,Tratamiento,Cargo,Correo electrónico,Teléfono,Organización,Tipo de organización,Sigla de la organización,País,Rol,Estado miembro,Fecha de inicio,Fecha de fin,Idiomas,Idioma preferido,Membresías',
    );
    expect(lines[0]).toBe(
      // Without a network the role columns stay empty (the memberships column describes every term).
      ',Rosa Quispe,,"Directora, Derechos Humanos",rosa.quispe@example.org,,Cancillería del Perú,GOVERNMENT,RREE,PE,,,,,es en,en,"Punto focal, Network records (Perú), desde el 1 de junio de 2023"',
    );
    expect(body).not.toContain('Hidden');
    expect(body).not.toContain('+51');
  });

  it('exports vCards; the secretariat reads the restricted phone', async () => {
    const res = await download(`/directory/export?format=vcf&networkId=${net.id}&role=FOCAL_POINT`, secretariat, 'fr');
    expect(res.status).toBe(200);
    const body = res.body as string;
    expect(body).toContain('BEGIN:VCARD\r\nVERSION:4.0\r\n');
    expect(body).toContain('FN:Rosa Quispe\r\n');
    expect(body).toContain('TITLE:Directora\\, Derechos Humanos\r\n');
    expect(body).toContain('EMAIL;TYPE=work:rosa.quispe@example.org\r\n');
    expect(body).toContain('TEL;TYPE=voice;VALUE=text:+51 1 204 2400\r\n');
    expect(body).toContain('ADR;TYPE=work:;;;;;;Pérou\r\n');
    expect(body).toContain('NOTE:Point focal\\, Network records (Pérou)\\, depuis le 1er juin 2023\r\n');
    expect(body.match(/BEGIN:VCARD/g)).toHaveLength(1);
  });

  it('refuses exports to anonymous callers and unknown formats', async () => {
    const anonymous = await download('/directory/export?format=csv');
    expect(anonymous.status).toBe(401);
    const unknown = await download('/directory/export?format=xlsx', observer, 'en');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body as string)).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
  });

  it('creates an organisation and a person; a focal point takes over the seat; all audited', async () => {
    const created = await t.gql(
      op.createOrganisation({
        type: 'GOVERNMENT',
        name: [{ language: 'es', text: 'Defensoría del Pueblo' }],
        countryCode: 'PE',
      }),
      { token: secretariat },
    );
    expect(created.body.errors).toBeUndefined();
    const orgId = (created.body.data as { createOrganisation: { id: string } }).createOrganisation.id;
    const person = await t.gql(
      op.createPerson({
        networkId: net.id,
        role: 'FOCAL_POINT',
        memberState: 'PE',
        startsOn: '2025-01-10',
        name: 'Luis Mamani',
        organisationId: orgId,
        languages: ['es'],
        contacts: [{ kind: 'EMAIL', value: 'luis.mamani@example.org' }],
      }),
      { token: secretariat },
    );
    expect(person.body.errors).toBeUndefined();
    const payload = (
      person.body.data as { createPerson: { person: { id: string }; handover: { predecessor: { endsOn: string } } } }
    ).createPerson;
    expect(payload.handover.predecessor.endsOn).toBe('2025-01-10');
    expect((await audit('person', payload.person.id)).map((a) => a.action)).toEqual(['create']);
    expect((await audit('organisation', orgId)).map((a) => a.action)).toEqual(['create']);

    const taken = await t.gql(
      op.createPerson({
        networkId: net.id,
        role: 'OBSERVER',
        name: 'Copycat',
        contacts: [{ kind: 'EMAIL', value: 'LUIS.MAMANI@example.org' }],
      }),
      { token: secretariat, lang: 'pt' },
    );
    expect(taken.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'contacts.0.value', message: 'Este endereço de email já pertence a outra pessoa.' }],
    });
    const observerTry = await t.gql(op.createPerson({ networkId: net.id, role: 'OBSERVER', name: 'X' }), {
      token: observer,
    });
    expect(observerTry.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lets a person edit their own record, with optimistic concurrency', async () => {
    const me = await t.gql(op.person(observerPersonId, 'id version'), { token: observer });
    const version = (me.body.data as { person: { version: number } }).person.version;
    const updated = await t.gql(
      op.updatePerson({ id: observerPersonId, expectedVersion: version, jobTitle: 'Analyst' }),
      {
        token: observer,
      },
    );
    expect(updated.body.errors).toBeUndefined();
    const stale = await t.gql(op.updatePerson({ id: observerPersonId, expectedVersion: version, jobTitle: 'Late' }), {
      token: observer,
    });
    expect(stale.body.errors?.[0].extensions.code).toBe('CONFLICT');
    const other = await t.gql(op.updatePerson({ id: rosa.id, expectedVersion: 1, jobTitle: 'Nope' }), {
      token: observer,
    });
    expect(other.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('records typed, dated relationships, visible per their visibility', async () => {
    const res = await t.gql(
      op.createRelationship({
        networkId: net.id,
        type: 'REPRESENTS',
        fromPersonId: rosa.id,
        toOrganisationId: org.id,
        startsOn: '2023-06-01',
      }),
      { token: secretariat },
    );
    expect(res.body.errors).toBeUndefined();
    const seen = await t.gql(op.person(rosa.id, 'id relationships { type startsOn toOrganisation { acronym } }'), {
      token: observer,
    });
    expect(seen.body.data).toEqual({
      person: {
        id: rosa.id,
        relationships: [{ type: 'REPRESENTS', startsOn: '2023-06-01', toOrganisation: { acronym: 'RREE' } }],
      },
    });
  });

  it('exports a person’s own data', async () => {
    const res = await t.gql(op.myPersonalData, { token: observer });
    expect(res.body.errors).toBeUndefined();
    const data = JSON.parse((res.body.data as { myPersonalData: string }).myPersonalData) as Record<string, unknown>;
    expect(data).toMatchObject({
      person: { name: 'Olga Observadora', jobTitle: 'Analyst' },
      account: { email: 'olga@example.org' },
      memberships: [{ network: 'records', role: 'OBSERVER' }],
    });
    const anonymous = await t.gql(op.myPersonalData);
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('erases a person: contact data gone, name replaced, history of memberships kept', async () => {
    const refused = await t.gql(op.erasePerson(rosa.id), { token: secretariat });
    expect(refused.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const missing = await t.gql(op.erasePerson(randomUUID()), { token: admin });
    expect(missing.body.errors?.[0].extensions.code).toBe('NOT_FOUND');

    const res = await t.gql(op.erasePerson(rosa.id), { token: admin, lang: 'es' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({
      erasePerson: { id: rosa.id, name: 'Persona borrada', erased: true, contactDetails: [] },
    });
    const history = await t.gql(op.focalPointHistory({ networkId: net.id, memberState: 'PE' }), { token: secretariat });
    const terms = (history.body.data as { focalPointHistory: { person: { id: string }; endsOn: string | null }[] })
      .focalPointHistory;
    expect(terms.map((x) => x.person.id)).toContain(rosa.id);
    const [row] = (await t.dataSource.query(`SELECT name, job_title, external_ref FROM person WHERE id = $1`, [
      rosa.id,
    ])) as {
      name: string;
      job_title: string | null;
    }[];
    expect(row.job_title).toBeNull();
    expect(row.name).not.toContain('Rosa');
    expect(JSON.stringify(await t.dataSource.query(`SELECT before, after FROM audit_log`))).not.toContain(
      'rosa.quispe',
    );
    expect((await audit('person', rosa.id)).map((a) => a.action)).toContain('erase');
    const found = await t.gql(op.people({ text: 'rosa quispe' }), { token: secretariat });
    expect(found.body.data).toMatchObject({ people: { totalCount: 0 } });
  });
});
