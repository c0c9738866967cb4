import { insertNetwork } from '@enlace/testing';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * SPEC §5: BAD_USER_INPUT lists field errors. A bad value is answered the same whether the client
 * wrote it inline in the document or sent it as a variable: one error, `extensions.fields` with the
 * same paths and messages, in the caller's language.
 */
describe('GraphQL bad input, inline or in variables, has one shape', () => {
  let t: TestApp;
  let token: string;
  let networkId: string;

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    token = (await signedInMember(t, { name: 'Sara Secretariat', networkId, role: 'SECRETARIAT' })).token;
  });
  afterAll(() => t?.close());

  const people = async () =>
    Number(((await t.dataSource.query(`SELECT count(*) AS n FROM person`)) as { n: string }[])[0].n);

  it('lists every bad inline field of an input like the same values given as variables', async () => {
    const before = await people();
    const inline = await t.gql(
      {
        query: `mutation { createPerson(input: {
          networkId: "${networkId}", name: "Ana", role: KING, honorific: 5,
          contacts: [{ kind: EMAIL, value: "ana@example.org" }, { kind: PHONE }]
        }) { person { id } } }`,
      },
      { token, lang: 'es' },
    );
    const viaVariables = await t.gql(
      {
        query: `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        variables: {
          input: {
            networkId,
            name: 'Ana',
            role: 'KING',
            honorific: 5,
            contacts: [{ kind: 'EMAIL', value: 'ana@example.org' }, { kind: 'PHONE' }],
          },
        },
      },
      { token, lang: 'es' },
    );
    expect(inline.status).toBe(200);
    expect(inline.body.errors).toHaveLength(1);
    const [error] = inline.body.errors!;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields!.map((f) => f.field).sort()).toEqual(['contacts.1.value', 'honorific', 'role']);
    expect(error.extensions).toEqual(viaVariables.body.errors![0].extensions);
    expect(error.message).toBe(viaVariables.body.errors![0].message);
    expect(await people()).toBe(before);
  });

  it('names a missing required argument, and a bad scalar argument, by the argument', async () => {
    const missing = await t.gql({ query: `mutation { createPerson { person { id } } }` }, { token });
    expect(missing.body.errors).toHaveLength(1);
    expect(missing.body.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input', message: expect.any(String) }],
    });

    const inline = await t.gql({ query: `{ networks(first: "ten") { totalCount } }` }, { token });
    const variable = await t.gql(
      { query: `query ($first: Int) { networks(first: $first) { totalCount } }`, variables: { first: 'ten' } },
      { token },
    );
    expect(inline.body.errors).toHaveLength(1);
    expect(inline.body.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: expect.any(String) }],
    });
    expect(inline.body.errors![0].extensions).toEqual(variable.body.errors![0].extensions);
  });
});
