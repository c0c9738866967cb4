import { DataSource } from 'typeorm';
import { anonymousActor } from '@enlace/core';
import { insertAccount, insertSession, testContext, TestContext } from '@enlace/testing';
import { PasswordHasher } from '../accounts/password-hasher';
import { IdentityModule } from '../identity.module';
import { PasswordResetService, RESET_REQUEST_MIN_MS } from './password-reset.service';

describe('PasswordResetService', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let service: PasswordResetService;
  const guest = anonymousActor('en');

  const count = async (sql: string, params: unknown[] = []) =>
    ((await ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    ctx = await testContext({
      imports: [IdentityModule],
      overrides: [
        { provide: PasswordHasher, useValue: new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }) },
      ],
    });
    ds = ctx.dataSource;
    service = ctx.get(PasswordResetService);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('writes the reset and its email together or not at all', async () => {
    const person = await insertAccount(ds);
    await ds.query(`CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await ds.query(
      `CREATE TRIGGER fail_insert BEFORE INSERT ON email_outbox FOR EACH ROW EXECUTE FUNCTION fail_insert()`,
    );
    try {
      await expect(service.requestPasswordReset(guest, person.email, '192.0.2.1')).rejects.toThrow(/injected failure/);
    } finally {
      await ds.query(`DROP TRIGGER fail_insert ON email_outbox`);
      await ds.query(`DROP FUNCTION fail_insert()`);
    }
    expect(await count(`password_reset WHERE account_id = $1`, [person.accountId])).toBe(0);
  });

  it('takes at least the same minimum time for known and unknown emails', async () => {
    const person = await insertAccount(ds);
    for (const email of [person.email, 'unknown-' + person.email]) {
      const started = performance.now();
      await expect(service.requestPasswordReset(guest, email, '192.0.2.2')).resolves.toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(RESET_REQUEST_MIN_MS - 1);
    }
  });

  it('resets all or nothing: a failure leaves the old password, the sessions and the token as they were', async () => {
    const person = await insertAccount(ds);
    const session = await insertSession(ds, person.accountId);
    await service.requestPasswordReset(guest, person.email, '192.0.2.3');
    const [row] = (await ds.query(`SELECT params->>'link' AS link FROM email_outbox WHERE recipient = $1`, [
      person.email,
    ])) as { link: string }[];
    const token = new URL(row.link).searchParams.get('token') as string;

    await ds.query(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await ds.query(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`);
    try {
      await expect(service.resetPassword(guest, { token, newPassword: 'a brand new password' })).rejects.toThrow(
        /injected failure/,
      );
    } finally {
      await ds.query(`DROP TRIGGER fail_audit ON audit_log`);
      await ds.query(`DROP FUNCTION fail_audit()`);
    }
    const [account] = (await ds.query(`SELECT password_hash FROM account WHERE id = $1`, [person.accountId])) as {
      password_hash: string;
    }[];
    expect(await new PasswordHasher().verify(account.password_hash, person.password)).toBe(true);
    expect(await count(`session WHERE account_id = $1 AND revoked_at IS NULL`, [person.accountId])).toBe(1);
    expect(session).toMatch(/^enl_/);

    await expect(service.resetPassword(guest, { token, newPassword: 'a brand new password' })).resolves.toBe(true);
    expect(await count(`session WHERE account_id = $1 AND revoked_at IS NULL`, [person.accountId])).toBe(0);
    expect(await count(`password_reset WHERE account_id = $1 AND used_at IS NOT NULL`, [person.accountId])).toBe(1);
  });
});
