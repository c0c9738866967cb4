import { DataSource } from 'typeorm';
import { insertAccount, insertNetwork, testContext, TestContext } from '@enlace/testing';
import { IdentityModule } from '../identity.module';
import { CredentialsMaintenanceService } from './credentials-maintenance.service';

describe('CredentialsMaintenanceService.purgeExpired', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let service: CredentialsMaintenanceService;

  beforeAll(async () => {
    ctx = await testContext({ imports: [IdentityModule] });
    ds = ctx.dataSource;
    service = ctx.get(CredentialsMaintenanceService);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('deletes only credentials past their grace period, once', async () => {
    const person = await insertAccount(ds);
    const network = await insertNetwork(ds);
    const session = (hash: string, expires: string, revoked: string | null) =>
      ds.query(
        `INSERT INTO session (account_id, token_hash, expires_at, revoked_at) VALUES ($1, decode($2, 'hex'), now() + $3::interval, now() + $4::interval)`,
        [person.accountId, hash, expires, revoked],
      );
    await session('01', '-40 days', null); // expired long ago → purged
    await session('02', '-1 day', null); // just expired → kept
    await session('03', '+10 days', '-31 days'); // revoked long ago → purged
    await session('04', '+10 days', null); // live → kept
    const invitation = (hash: string, expires: string, accepted: string | null) =>
      ds.query(
        `INSERT INTO invitation (network_id, email, role, language, token_hash, expires_at, accepted_at)
         VALUES ($1, 'x@example.org', 'OBSERVER', 'en', decode($2, 'hex'), now() + $3::interval, now() + $4::interval)`,
        [network.id, hash, expires, accepted],
      );
    await invitation('11', '-60 days', null); // never accepted, long expired → purged
    await invitation('12', '-60 days', '-70 days'); // accepted: history → kept
    await ds.query(
      `INSERT INTO rate_limit (bucket, window_start, hits) VALUES ('old', now() - interval '2 hours', 3), ('new', now(), 1)`,
    );
    await ds.query(
      `INSERT INTO sign_in_address (account_id, address_digest, last_success_at)
       VALUES ($1, 'stale', now() - interval '91 days'), ($1, 'recent', now() - interval '89 days')`,
      [person.accountId],
    );

    expect(await service.purgeExpired()).toEqual({
      sessions: 2,
      passwordResets: 0,
      invitations: 1,
      rateLimitWindows: 1,
      signInAddresses: 1,
    });
    expect(await service.purgeExpired()).toEqual({
      sessions: 0,
      passwordResets: 0,
      invitations: 0,
      rateLimitWindows: 0,
      signInAddresses: 0,
    });

    const left = (await ds.query(`SELECT encode(token_hash, 'hex') AS h FROM session ORDER BY 1`)) as { h: string }[];
    expect(left.map((r) => r.h)).toEqual(['02', '04']);
    expect(await ds.query(`SELECT bucket FROM rate_limit`)).toEqual([{ bucket: 'new' }]);
    expect(await ds.query(`SELECT address_digest FROM sign_in_address`)).toEqual([{ address_digest: 'recent' }]);
  });
});
