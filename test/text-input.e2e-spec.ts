import { insertAccount, insertChannel, insertMembership, insertNetwork, insertSession } from '@enlace/testing';
import { connectLive, LiveClient } from './support/live';
import { startTestApp, TestApp } from './support/test-app';

type ErrorAck = { ok: false; error: { code: string; message: string; fields?: { field: string; message: string }[] } };
type SendAck = { ok: true; message: { id: string; body: string } } | ErrorAck;

const INVALID_ES = 'Este texto contiene caracteres no permitidos (NUL o Unicode no válido).';

/**
 * One text rule for every transport (issue 9, item 4): NUL and lone surrogates are refused with
 * BAD_USER_INPUT naming the field, over sockets as over GraphQL; bytes that are not UTF-8 in a
 * GraphQL body are refused, never stored as U+FFFD. Nothing is stored.
 */
describe('text no transport may store', () => {
  let t: TestApp;
  let alice: { personId: string; token: string };
  let general: string;
  const clients: LiveClient[] = [];

  const bodies = async () =>
    (
      (await t.dataSource.query(`SELECT body FROM channel_message WHERE channel_id = $1 ORDER BY seq`, [general])) as {
        body: string;
      }[]
    ).map((r) => r.body);

  async function live(lang = 'es'): Promise<LiveClient> {
    const client = await connectLive(t.url, alice.token, { lang });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const networkId = (await insertNetwork(t.dataSource)).id;
    const account = await insertAccount(t.dataSource, { name: 'Alice' });
    await insertMembership(t.dataSource, { personId: account.personId, networkId, role: 'SECRETARIAT' });
    alice = { personId: account.personId, token: await insertSession(t.dataSource, account.accountId) };
    general = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'general' })).id;
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a NUL', 'hola\u0000mundo'],
    ['a lone high surrogate', 'hola \ud800'],
    ['a lone low surrogate', '\udfff hola'],
  ])('refuses %s in message:send and message:edit with BAD_USER_INPUT naming the body', async (_name, body) => {
    const client = await live();
    await client.ack('channel:join', { channelId: general });
    const before = await bodies();
    const sent = await client.ack<SendAck>('message:send', {
      channelId: general,
      clientId: `c-${before.length}`,
      body,
    });
    expect(sent).toEqual({
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: expect.any(String), fields: [{ field: 'body', message: INVALID_ES }] },
    });
    expect(await bodies()).toEqual(before);

    const good = await client.ack<SendAck>('message:send', {
      channelId: general,
      clientId: `ok-${before.length}`,
      body: 'hola',
    });
    expect(good.ok).toBe(true);
    const edited = await client.ack<SendAck>('message:edit', {
      messageId: (good as { message: { id: string } }).message.id,
      body,
    });
    expect(edited).toEqual({
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: expect.any(String), fields: [{ field: 'body', message: INVALID_ES }] },
    });
    expect(await bodies()).toEqual([...before, 'hola']);
    const edits = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM channel_message_edit e JOIN channel_message m ON m.id = e.message_id WHERE m.channel_id = $1`,
      [general],
    )) as { n: number }[];
    expect(edits[0].n).toBe(0);
  });

  it('refuses such text in any string of any event payload before a handler runs', async () => {
    const client = await live('pt');
    const answer = await client.ack<ErrorAck>('channel:join', { channelId: `${general}\u0000` });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'BAD_USER_INPUT',
        message: expect.any(String),
        fields: [
          { field: 'channelId', message: 'Este texto contém caracteres não permitidos (NUL ou Unicode inválido).' },
        ],
      },
    });
  });

  it('refuses a GraphQL body whose bytes are not UTF-8 with 400, and stores nothing', async () => {
    const before = (await t.dataSource.query(`SELECT name FROM person WHERE id = $1`, [alice.personId])) as {
      name: string;
    }[];
    const json = JSON.stringify({
      query: 'mutation($name: String) { updateMe(input: { name: $name }) { name } }',
      variables: { name: 'Alice XX' },
    });
    const [head, tail] = json.split('XX');
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]);
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'fr',
        authorization: `Bearer ${alice.token}`,
      },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: "Le corps de la requête n'est pas un texte UTF-8 valide.",
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(await t.dataSource.query(`SELECT name FROM person WHERE id = $1`, [alice.personId])).toEqual(before);

    // The same request in valid UTF-8 still goes through.
    const ok = await t.gql(
      {
        query: 'mutation($name: String) { updateMe(input: { name: $name }) { name } }',
        variables: { name: 'Alice Ç' },
      },
      { token: alice.token },
    );
    expect(ok.body).toEqual({ data: { updateMe: { name: 'Alice Ç' } } });
  });
});
