import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { insertDirectoryPerson, insertNetwork, insertOrganisation } from '@enlace/testing';
import { signedInMember } from './support/members';
import { Operation, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const FIELD = `id networkId entity key type required position version label { text language }
  choices { key label { text } }`;

function defineField(input: Record<string, unknown>): Operation {
  return {
    query: `mutation Define($input: DefineDirectoryFieldInput!) { defineDirectoryField(input: $input) { ${FIELD} } }`,
    variables: { input },
  };
}

function setValues(input: Record<string, unknown>): Operation {
  return {
    query: `mutation Set($input: SetDirectoryFieldValuesInput!) { setDirectoryFieldValues(input: $input) {
      field { key } value display } }`,
    variables: { input },
  };
}

function fields(networkId: string): Operation {
  return {
    query: `query F($n: ID!) { directoryFields(networkId: $n) { key type label { text } } }`,
    variables: { n: networkId },
  };
}

function personFields(id: string, networkId: string): Operation {
  return {
    query: `query P($id: ID!, $n: ID!) { person(id: $id) { name fieldValues(networkId: $n) { field { key } value display } } }`,
    variables: { id, n: networkId },
  };
}

function search(networkId: string, fieldKey: string, fieldValue: string): Operation {
  return {
    query: `query S($n: ID, $k: String, $v: String) { people(networkId: $n, fieldKey: $k, fieldValue: $v, first: 50) {
      totalCount edges { node { name } } } }`,
    variables: { n: networkId, k: fieldKey, v: fieldValue },
  };
}

const label = (en: string, es: string, pt: string, fr: string) => [
  { language: 'en', text: en },
  { language: 'es', text: es },
  { language: 'pt', text: pt },
  { language: 'fr', text: fr },
];

/** Custom fields per network (issue 14 item 19): defined by the secretariat, validated, searchable, in CSV files. */
describe('directory custom fields', () => {
  let t: TestApp;
  let net: { id: string };
  let other: { id: string };
  let secretariat: string;
  let member: string;
  let otherSecretariat: string;
  let ana: string;
  let bruno: string;
  let olga: string;
  let org: string;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    net = await insertNetwork(ds, { slug: 'fields-net', defaultLanguage: 'es', visibility: 'NETWORK' });
    other = await insertNetwork(ds, { slug: 'fields-other', defaultLanguage: 'en', visibility: 'NETWORK' });
    secretariat = (await signedInMember(t, { name: 'Sara', networkId: net.id, role: 'SECRETARIAT' })).token;
    member = (await signedInMember(t, { name: 'Mia', networkId: net.id, role: 'OBSERVER' })).token;
    otherSecretariat = (await signedInMember(t, { name: 'Otto', networkId: other.id, role: 'SECRETARIAT' })).token;
    // The callers have references, so that an exported file names each row's person.
    await ds.query(`UPDATE person SET external_ref = 'REF-' || name WHERE name IN ('Sara', 'Mia')`);
    ana = (
      await insertDirectoryPerson(ds, {
        name: 'Ana Quispe',
        externalRef: 'F-1',
        contacts: [{ kind: 'EMAIL', value: 'ana@example.org', visibility: 'NETWORK' }],
        memberships: [{ networkId: net.id, role: 'FOCAL_POINT', memberState: 'PE' }],
      })
    ).id;
    bruno = (
      await insertDirectoryPerson(ds, {
        name: 'Bruno Costa',
        externalRef: 'F-2',
        contacts: [{ kind: 'EMAIL', value: 'bruno@example.org', visibility: 'NETWORK' }],
        memberships: [{ networkId: net.id, role: 'OBSERVER' }],
      })
    ).id;
    olga = (
      await insertDirectoryPerson(ds, { name: 'Olga Other', memberships: [{ networkId: other.id, role: 'OBSERVER' }] })
    ).id;
    org = (await insertOrganisation(ds, { names: { es: 'Ministerio del Ambiente' } })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the secretariat define fields with translated labels, validated, audited', async () => {
    const sector = await t.gql<{ defineDirectoryField: { key: string; label: { text: string } } }>(
      defineField({
        networkId: net.id,
        entity: 'PERSON',
        key: 'sector',
        type: 'CHOICE',
        label: label('Sector', 'Sector', 'Setor', 'Secteur'),
        choices: [
          { key: 'health', label: label('Health', 'Salud', 'Saúde', 'Santé') },
          { key: 'water', label: label('Water', 'Agua', 'Água', 'Eau') },
        ],
      }),
      { token: secretariat, lang: 'fr' },
    );
    expect(sector.body.errors).toBeUndefined();
    expect(sector.body.data!.defineDirectoryField).toMatchObject({ key: 'sector', label: { text: 'Secteur' } });
    for (const [key, type, en] of [
      ['mandate_until', 'DATE', 'Mandate until'],
      ['staff', 'NUMBER', 'Staff'],
      ['notes', 'TEXT', 'Notes'],
    ]) {
      const res = await t.gql(
        defineField({ networkId: net.id, entity: 'PERSON', key, type, label: label(en, en, en, en) }),
        { token: secretariat },
      );
      expect(res.body.errors).toBeUndefined();
    }
    const budget = await t.gql(
      defineField({
        networkId: net.id,
        entity: 'ORGANISATION',
        key: 'budget',
        type: 'NUMBER',
        label: label('Budget', 'Presupuesto', 'Orçamento', 'Budget'),
      }),
      { token: secretariat },
    );
    expect(budget.body.errors).toBeUndefined();

    const bad = await t.gql(
      defineField({ networkId: net.id, entity: 'PERSON', key: 'Bad Key', type: 'CHOICE', label: [] }),
      { token: secretariat, lang: 'es' },
    );
    expect(bad.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'key', message: 'Use minúsculas, cifras y _, empezando por una letra (40 como máximo).' },
        { field: 'label', message: 'Indique el texto en al menos un idioma.' },
        { field: 'choices', message: 'Un campo de opciones necesita al menos una opción.' },
      ],
    });
    const retype = await t.gql(
      defineField({
        networkId: net.id,
        entity: 'PERSON',
        key: 'staff',
        type: 'TEXT',
        label: label('S', 'S', 'S', 'S'),
      }),
      { token: secretariat, lang: 'en' },
    );
    expect(retype.body.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'This field holds values of type NUMBER: its type cannot change. Remove it and define it again.',
    });
    const byMember = await t.gql(
      defineField({ networkId: net.id, entity: 'PERSON', key: 'x', type: 'TEXT', label: label('X', 'X', 'X', 'X') }),
      { token: member },
    );
    expect(byMember.body.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const listed = await t.gql<{ directoryFields: { key: string }[] }>(fields(net.id), { token: member });
    expect(listed.body.data!.directoryFields.map((f) => f.key)).toEqual([
      'budget',
      'mandate_until',
      'notes',
      'sector',
      'staff',
    ]);
    const [audit] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE network_id = $1 AND entity_type = 'directory_field'`,
      [net.id],
    )) as { n: number }[];
    expect(audit.n).toBe(5);
  });

  it('validates values on input, in the caller language', async () => {
    const res = await t.gql(
      setValues({
        networkId: net.id,
        personId: ana,
        values: [
          { key: 'sector', value: 'Minería' },
          { key: 'staff', value: 'doce' },
          { key: 'mandate_until', value: '31/12/2026' },
          { key: 'colour', value: 'red' },
        ],
      }),
      { token: secretariat, lang: 'pt' },
    );
    expect(res.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'values.0.value', message: '"Minería" não é uma das opções: health, water.' },
        { field: 'values.1.value', message: '"doce" não é um número.' },
        { field: 'values.2.value', message: expect.stringContaining('AAAA-MM-DD') },
        { field: 'values.3.key', message: '"colour" não é um campo personalizado desta rede.' },
      ],
    });
  });

  it('stores values (a choice by its label in any language), shows them to the network, searches them', async () => {
    const set = await t.gql<{
      setDirectoryFieldValues: { field: { key: string }; value: string | null; display: string | null }[];
    }>(
      setValues({
        networkId: net.id,
        personId: ana,
        values: [
          { key: 'sector', value: 'Santé' },
          { key: 'staff', value: '12,5' },
          { key: 'mandate_until', value: '2026-12-31' },
          { key: 'notes', value: 'Lidera la mesa de agua' },
        ],
      }),
      { token: secretariat, lang: 'es' },
    );
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data!.setDirectoryFieldValues).toEqual([
      { field: { key: 'mandate_until' }, value: '2026-12-31', display: '2026-12-31' },
      { field: { key: 'notes' }, value: 'Lidera la mesa de agua', display: 'Lidera la mesa de agua' },
      { field: { key: 'sector' }, value: 'health', display: 'Salud' },
      { field: { key: 'staff' }, value: '12.5', display: '12.5' },
    ]);
    await t.gql(setValues({ networkId: net.id, personId: bruno, values: [{ key: 'sector', value: 'water' }] }), {
      token: secretariat,
    });
    const orgSet = await t.gql(
      setValues({ networkId: net.id, organisationId: org, values: [{ key: 'budget', value: '1500000' }] }),
      { token: secretariat },
    );
    expect(orgSet.body.errors).toBeUndefined();

    const read = await t.gql<{ person: { fieldValues: { field: { key: string }; display: string | null }[] } }>(
      personFields(ana, net.id),
      { token: member, lang: 'fr' },
    );
    expect(read.body.data!.person.fieldValues.find((v) => v.field.key === 'sector')!.display).toBe('Santé');

    const names = async (key: string, value: string) => {
      const res = await t.gql<{ people: { edges: { node: { name: string } }[] } }>(search(net.id, key, value), {
        token: member,
      });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.people.edges.map((e) => e.node.name);
    };
    expect(await names('sector', 'Agua')).toEqual(['Bruno Costa']);
    expect(await names('sector', 'health')).toEqual(['Ana Quispe']);
    expect(await names('staff', '12.5')).toEqual(['Ana Quispe']);
    expect(await names('notes', 'MESA DE')).toEqual(['Ana Quispe']);
    expect(await names('mandate_until', '2026-12-30')).toEqual([]);

    const audit = (await t.dataSource.query(
      `SELECT after FROM audit_log WHERE network_id = $1 AND entity_type = 'person' AND entity_id = $2 AND action = 'fields'`,
      [net.id, ana],
    )) as { after: { fields: Record<string, unknown> } }[];
    expect(audit).toEqual([
      {
        after: {
          fields: { sector: 'health', staff: 12.5, mandate_until: '2026-12-31', notes: 'Lidera la mesa de agua' },
        },
      },
    ]);
  });

  const upload = async (token: string, networkId: string, csv: string, dryRun = false, lang = 'en') =>
    (
      await request(t.url)
        .post(`/directory/imports?networkId=${networkId}&dryRun=${dryRun}`)
        .set('content-type', 'text/csv')
        .set('authorization', `Bearer ${token}`)
        .set('accept-language', lang)
        .send(Buffer.from(csv, 'utf8'))
    ).body as {
      applied: boolean;
      errors: { message: string }[];
      summary: Record<string, number>;
      rows: { line: number; outcome: string; errors: { field: string; column: string; message: string }[] }[];
    };

  it('exports the fields as columns (labels and choices in the reader language) and re-imports them unchanged', async () => {
    const res = await request(t.url)
      .get(`/directory/export?format=csv&networkId=${net.id}`)
      .set('accept-language', 'es')
      .set('authorization', `Bearer ${secretariat}`)
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        r.on('end', () => cb(null, data));
      });
    expect(res.status).toBe(200);
    const csv = res.body as string;
    const [header, ...rows] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
    // People's fields, then organisations' (`Organisation: <label>`, the row's organisation's values).
    expect(header.slice(-5)).toEqual(['Mandate until', 'Notes', 'Sector', 'Staff', 'Organización: Presupuesto']);
    const anaRow = rows.find((r) => r[1] === 'Ana Quispe')!;
    expect(anaRow.slice(-5)).toEqual(['2026-12-31', 'Lidera la mesa de agua', 'Salud', '12.5', '']);
    const again = await upload(secretariat, net.id, csv, true);
    expect(again.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(again.summary).toMatchObject({ created: 0, updated: 0, rejected: 0 });
  });

  it('round-trips the custom fields of organisations: exported with each row, re-imported unchanged, then changed', async () => {
    await t.dataSource.query(`UPDATE person SET organisation_id = $1 WHERE id = ANY($2::uuid[])`, [org, [ana, bruno]]);
    const exported = async () => {
      const res = await request(t.url)
        .get(`/directory/export?format=csv&networkId=${net.id}`)
        .set('accept-language', 'es')
        .set('authorization', `Bearer ${secretariat}`)
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
          r.on('end', () => cb(null, data));
        });
      expect(res.status).toBe(200);
      return parse((res.body as string).replace(/^\uFEFF/, '')) as string[][];
    };
    const toCsv = (records: string[][]) =>
      records.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
    const [header, ...rows] = await exported();
    const column = header.indexOf('Organización: Presupuesto');
    expect(column).toBeGreaterThan(0);
    const anaLine = rows.findIndex((r) => r[1] === 'Ana Quispe');
    const brunoLine = rows.findIndex((r) => r[1] === 'Bruno Costa');
    expect(rows[anaLine][column]).toBe('1500000');
    expect(rows[brunoLine][column]).toBe('1500000');
    const budgetOf = async () =>
      (
        (await t.dataSource.query(`SELECT fields -> $1::text AS f FROM organisation WHERE id = $2`, [net.id, org])) as {
          f: Record<string, unknown>;
        }[]
      )[0].f;

    // Its own export goes back in with no change.
    const same = await upload(secretariat, net.id, toCsv([header, ...rows]), true);
    expect(same.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(same.summary).toMatchObject({ created: 0, updated: 0, rejected: 0 });

    // Two rows of one organisation that disagree: the later is refused, and nothing is written.
    const disagree = rows.map((r) => [...r]);
    disagree[anaLine][column] = '2000000';
    const refused = await upload(secretariat, net.id, toCsv([header, ...disagree]));
    expect(refused.applied).toBe(false);
    const later = Math.max(anaLine, brunoLine) + 2;
    expect(refused.rows.find((r) => r.line === later)).toMatchObject({
      outcome: 'REJECTED',
      errors: [
        { field: 'organisation', message: expect.stringMatching(/^Line \d+ gives this organisation other values/) },
      ],
    });
    expect(await budgetOf()).toEqual({ budget: 1500000 });

    // Both rows with the new value: the organisation's value changes (audited in the network's log).
    disagree[brunoLine][column] = '2000000';
    const applied = await upload(secretariat, net.id, toCsv([header, ...disagree]));
    expect(applied.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(applied.applied).toBe(true);
    expect(await budgetOf()).toEqual({ budget: 2000000 });
    const [again, ...rowsAgain] = await exported();
    expect(rowsAgain.find((r) => r[1] === 'Ana Quispe')![again.indexOf('Organización: Presupuesto')]).toBe('2000000');
    const audited = (await t.dataSource.query(
      `SELECT after FROM audit_log WHERE entity_type = 'organisation' AND entity_id = $1 AND network_id = $2 AND action = 'import'`,
      [org, net.id],
    )) as { after: { fields: Record<string, unknown> } }[];
    expect(audited.map((a) => a.after.fields)).toEqual([{ budget: 2000000 }]);
    await t.dataSource.query(`UPDATE person SET organisation_id = NULL WHERE id = ANY($1::uuid[])`, [[ana, bruno]]);
  });

  it('imports values by key or label, validates them per row, and refuses another network field as a column', async () => {
    const ok = await upload(
      secretariat,
      net.id,
      ['external_ref,name,email,role,Secteur,staff', 'F-2,Bruno Costa,bruno@example.org,OBSERVER,Santé,3'].join('\n'),
    );
    expect(ok.rows).toMatchObject([{ outcome: 'UPDATED', errors: [] }]);
    const read = await t.gql<{ person: { fieldValues: { field: { key: string }; value: string | null }[] } }>(
      personFields(bruno, net.id),
      { token: secretariat },
    );
    expect(read.body.data!.person.fieldValues.filter((v) => v.value !== null)).toEqual([
      { field: { key: 'sector' }, value: 'health', display: 'Health' },
      { field: { key: 'staff' }, value: '3', display: '3' },
    ]);
    const bad = await upload(
      secretariat,
      net.id,
      [
        'external_ref,name,email,role,sector,mandate_until',
        'F-2,Bruno Costa,bruno@example.org,OBSERVER,Mining,soon',
      ].join('\n'),
      true,
    );
    expect(bad.rows[0].errors).toEqual([
      { field: 'sector', column: 'sector', message: '"Mining" is not one of the choices: health, water.' },
      { field: 'mandate_until', column: 'mandate_until', message: 'Give a date as YYYY-MM-DD.' },
    ]);
    // The other network has no such field: the column is unknown there, and nothing of this network changes.
    await signedInMember(t, { name: 'Oli', networkId: other.id, role: 'OBSERVER' });
    const elsewhere = await upload(
      otherSecretariat,
      other.id,
      ['external_ref,name,email,role,sector', 'O-9,Olivia New,olivia@example.org,OBSERVER,health'].join('\n'),
      true,
    );
    expect(elsewhere.errors).toEqual([{ line: 1, message: 'Line 1: the column "sector" is not known.' }]);
  });

  it("keeps each network's fields to itself: another network's ids and definitions are unknown, never read or written", async () => {
    // Another network's secretariat cannot see this network: its fields, values and filters are missing.
    const list = await t.gql(fields(net.id), { token: otherSecretariat });
    expect(list.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const missing = await t.gql(fields('00000000-0000-4000-8000-000000000000'), { token: otherSecretariat });
    expect(missing.body.errors?.[0].message).toBe(list.body.errors?.[0].message);
    const write = await t.gql(
      setValues({ networkId: net.id, personId: ana, values: [{ key: 'sector', value: 'water' }] }),
      {
        token: otherSecretariat,
      },
    );
    expect(write.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    // In its own network, this network's field keys are unknown, and a person of this network is unknown.
    const ownKeys = await t.gql(
      setValues({ networkId: other.id, personId: olga, values: [{ key: 'sector', value: 'water' }] }),
      {
        token: otherSecretariat,
        lang: 'en',
      },
    );
    expect(ownKeys.body.errors?.[0].extensions.fields).toEqual([
      { field: 'values.0.key', message: '"sector" is not a custom field of this network.' },
    ]);
    const hiddenPerson = await t.gql(setValues({ networkId: other.id, personId: ana, values: [] }), {
      token: otherSecretariat,
      lang: 'en',
    });
    const missingPerson = await t.gql(
      setValues({ networkId: other.id, personId: '00000000-0000-4000-8000-000000000000', values: [] }),
      { token: otherSecretariat, lang: 'en' },
    );
    expect(hiddenPerson.body.errors?.[0].extensions).toEqual(missingPerson.body.errors?.[0].extensions);
    // Searching by this network's field through the other network: unknown, like a field that does not exist.
    const filter = await t.gql(search(net.id, 'sector', 'water'), { token: otherSecretariat, lang: 'en' });
    const noField = await t.gql(search(other.id, 'sector', 'water'), { token: otherSecretariat, lang: 'en' });
    expect(filter.body.errors?.[0].extensions).toEqual(noField.body.errors?.[0].extensions);
    expect(filter.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    // And the values of this network's fields stay where they were.
    const [row] = (await t.dataSource.query(`SELECT fields FROM person WHERE id = $1`, [ana])) as {
      fields: Record<string, Record<string, unknown>>;
    }[];
    expect(Object.keys(row.fields)).toEqual([net.id]);
  });

  it("clears a person's values when an administrator erases them", async () => {
    const admin = (await signedInMember(t, { name: 'Ada', isAdmin: true })).token;
    const erased = await t.gql(
      { query: `mutation E($id: ID!) { erasePerson(id: $id) { erased } }`, variables: { id: bruno } },
      { token: admin },
    );
    expect(erased.body.errors).toBeUndefined();
    const [row] = (await t.dataSource.query(`SELECT fields FROM person WHERE id = $1`, [bruno])) as {
      fields: object;
    }[];
    expect(row.fields).toEqual({});
  });
});
