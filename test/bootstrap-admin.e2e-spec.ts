import { loadConfig } from '@enlace/core';
import { createApp } from '../apps/api/src/bootstrap';
import { me, signIn } from './support/identity.operations';
import { startTestApp, TestApp } from './support/test-app';

// argon2id at production cost takes ~150 ms per hash or check.

describe('bootstrap administrator', () => {
  let t: TestApp;
  const admins = async () =>
    (await t.dataSource.query(`SELECT email, is_admin FROM account WHERE is_admin`)) as {
      email: string;
      is_admin: boolean;
    }[];

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'Admin@Enlace.example', ADMIN_PASSWORD: 'first admin password' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is created at first start from ADMIN_EMAIL and ADMIN_PASSWORD and can sign in', async () => {
    expect(await admins()).toEqual([{ email: 'admin@enlace.example', is_admin: true }]);
    const res = await t.gql<{ signIn: { token: string } }>(signIn('admin@enlace.example', 'first admin password'));
    expect(res.body.errors).toBeUndefined();
    const mine = await t.gql<{ me: { isAdmin: boolean; email: string } }>(me(), { token: res.body.data!.signIn.token });
    expect(mine.body.data?.me).toMatchObject({ isAdmin: true, email: 'admin@enlace.example' });
    const audit = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'account'`)) as {
      action: string;
    }[];
    expect(audit).toEqual([{ action: 'bootstrapAdmin' }]);
  });

  it('is created once: later starts, even several at once with another password, change nothing', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: t.db.url,
      ADMIN_EMAIL: 'other-admin@enlace.example',
      ADMIN_PASSWORD: 'a different password',
    });
    const apps = await Promise.all([createApp(config), createApp(config)]);
    await Promise.all(apps.map((app) => app.close()));

    expect(await admins()).toEqual([{ email: 'admin@enlace.example', is_admin: true }]);
    const old = await t.gql(signIn('admin@enlace.example', 'first admin password'));
    expect(old.body.errors).toBeUndefined();
  });
});
