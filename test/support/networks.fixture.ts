import { insertMembership, insertNetwork, TestPerson } from '@enlace/testing';
import { signedInMember, SignedInMemberOptions } from './members';
import { auditLog, AuditEntryData, ConnectionData } from './networks.operations';
import { GraphqlResponse, startTestApp, TestApp } from './test-app';

/** A person with an account and a session token (the networks specs' callers). */
export type Caller = TestPerson & { token: string };

export function errorCode(res: GraphqlResponse): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

/**
 * The cast of the networks specs: an administrator, the secretariat and a civil-society member of the
 * `home-network` (NETWORK visibility, Spanish by default, with an English name), and an outsider.
 */
export interface NetworksCast {
  readonly t: TestApp;
  readonly admin: Caller;
  readonly secretariat: Caller;
  readonly member: Caller;
  readonly outsider: Caller;
  readonly home: { id: string; slug: string };
}

export async function startNetworksCast(): Promise<NetworksCast> {
  const t = await startTestApp();
  const caller = (options: SignedInMemberOptions): Promise<Caller> => signedInMember(t, options);
  const admin = await caller({ isAdmin: true, name: 'Ada Admin' });
  const secretariat = await caller({ name: 'Sara Secretariat' });
  const member = await caller({ name: 'Cleo Civil' });
  const outsider = await caller({ name: 'Otto Outsider' });
  const home = await insertNetwork(t.dataSource, {
    slug: 'home-network',
    visibility: 'NETWORK',
    defaultLanguage: 'es',
    workingLanguages: ['es', 'en'],
    name: { es: { text: 'Red de origen', status: 'ORIGINAL' }, en: { text: 'Home network', status: 'TRANSLATED' } },
  });
  await insertMembership(t.dataSource, { personId: secretariat.personId, networkId: home.id, role: 'SECRETARIAT' });
  await insertMembership(t.dataSource, { personId: member.personId, networkId: home.id, role: 'CIVIL_SOCIETY' });
  return { t, admin, secretariat, member, outsider, home };
}

/** A network's audit log as `token` reads it (optionally one entity type), newest first. */
export async function networkAuditEntries(
  t: TestApp,
  networkId: string,
  token: string,
  entityType?: string,
): Promise<AuditEntryData[]> {
  const res = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
    auditLog({ networkId, entityType, first: 100 }),
    {
      token,
    },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.auditLog.edges.map((e) => e.node);
}
