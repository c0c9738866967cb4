import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMailCopies } from '@enlace/notifications';
import { BUILT_OUTBOX, ensureBuilt, startBuiltServer } from './support/built-server';
import { eventually } from './support/live';

type GqlBody<T> = { data?: T; errors?: Array<{ message: string; extensions: { code: string } }> };

/**
 * The README's path for someone trying Enlace on their machine: one start that loads the demo data
 * set (no stop, seed and restart), sign in as a demo account, invite someone, and read the
 * invitation's link with `npm run outbox` while the server holds the embedded database (no SMTP).
 */
describe('a newcomer on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'enlace-newcomer-'));
  }, 240_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with --demo, signs in as a demo account, and reads an invitation link with npm run outbox', async () => {
    const env = { DATA_DIR: dataDir };
    const server = await startBuiltServer(env, 150_000, ['--demo']);
    try {
      const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as GqlBody<T>;
      };
      const signIn = await gql<{ signIn: { token: string } }>(
        'mutation ($i: SignInInput!) { signIn(input: $i) { token } }',
        { i: { email: 'lucia.fernandez@example.org', password: 'enlace-demo-2025' } },
      );
      expect(signIn.errors).toBeUndefined();
      const token = signIn.data!.signIn.token;
      const networks = await gql<{ networks: { edges: Array<{ node: { id: string; slug: string } }> } }>(
        '{ networks(first: 10) { edges { node { id slug } } } }',
        {},
        token,
      );
      const latam = networks.data!.networks.edges.find((e) => e.node.slug === 'latam-network')!.node;
      const invited = await gql(
        'mutation ($i: InviteToNetworkInput!) { inviteToNetwork(input: $i) { id } }',
        { i: { networkId: latam.id, email: 'nuevo@example.org', role: 'OBSERVER', language: 'es' } },
        token,
      );
      expect(invited.errors).toBeUndefined();

      // The server (which also runs the jobs) copies the e-mail beside its database within seconds.
      await eventually(() => readMailCopies(dataDir, 1).length > 0, 20_000);
      const printed = execFileSync(process.execPath, [BUILT_OUTBOX, '3'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
      expect(printed).toContain('To: nuevo@example.org');
      expect(printed).toContain('Subject: Invitación a unirse a');
      const link = /https?:\/\/\S+token=(\S+)/.exec(printed);
      expect(link).not.toBeNull();

      // The link works: the invitee accepts and is signed in.
      const accepted = await gql<{ acceptInvitation: { token: string } }>(
        'mutation ($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { token } }',
        { i: { token: decodeURIComponent(link![1]), name: 'Nueva Persona', password: 'una contraseña larga' } },
      );
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data?.acceptInvitation.token).toMatch(/^enl_/);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    expect(server.output()).toContain('demo directory seeded');
  }, 300_000);
});
