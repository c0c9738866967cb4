import { createEngineDatabase, EngineDatabase, insertAccount, testContext, TestContext } from '@enlace/testing';
import { IdentityModule } from '../identity.module';
import { PasswordHasher } from './password-hasher';
import { BootstrapAdminService } from './bootstrap-admin.service';

/** One "process": its own Nest module and connection pool on the shared database. */
function startProcess(database: EngineDatabase, env: Record<string, string>): Promise<TestContext> {
  return testContext({ imports: [IdentityModule], env, database });
}

const ADMIN = { ADMIN_EMAIL: 'root@enlace.example', ADMIN_PASSWORD: 'admin password 1' };

describe('BootstrapAdminService', () => {
  let db: EngineDatabase;
  afterEach(async () => {
    await db.drop();
  });

  it('creates the administrator exactly once when several processes start at the same time', async () => {
    db = await createEngineDatabase('PostgreSQL');
    const processes = await Promise.all([1, 2, 3, 4].map(() => startProcess(db, ADMIN)));
    try {
      const outcomes = await Promise.all(processes.map((p) => p.get(BootstrapAdminService).ensureAdmin()));
      expect(outcomes.sort()).toEqual(['created', 'exists', 'exists', 'exists']);
      const ds = processes[0].dataSource;
      const rows = (await ds.query(
        `SELECT a.email, a.is_admin, a.password_hash, p.name, p.preferred_language
           FROM account a JOIN person p ON p.id = a.person_id`,
      )) as { email: string; is_admin: boolean; password_hash: string; name: string; preferred_language: string }[];
      expect(rows).toEqual([
        {
          email: 'root@enlace.example',
          is_admin: true,
          password_hash: expect.any(String),
          name: 'root',
          preferred_language: 'en',
        },
      ]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
      expect(await new PasswordHasher().verify(rows[0].password_hash, 'admin password 1')).toBe(true);
      expect(await processes[1].get(BootstrapAdminService).ensureAdmin()).toBe('exists');
    } finally {
      await Promise.all(processes.map((p) => p.close()));
    }
  });

  it('does nothing without ADMIN_EMAIL, and leaves an existing ordinary account with that email alone', async () => {
    db = await createEngineDatabase('PostgreSQL');
    const without = await startProcess(db, {});
    try {
      expect(await without.get(BootstrapAdminService).ensureAdmin()).toBe('disabled');
      const ds = without.dataSource;
      const person = await insertAccount(ds, { email: 'root@enlace.example' });
      const withAdmin = await startProcess(db, ADMIN);
      try {
        expect(await withAdmin.get(BootstrapAdminService).ensureAdmin()).toBe('emailTaken');
      } finally {
        await withAdmin.close();
      }
      const rows = (await ds.query(`SELECT id, is_admin, password_hash FROM account`)) as {
        id: string;
        is_admin: boolean;
        password_hash: string;
      }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: person.accountId, is_admin: false });
      expect(await new PasswordHasher().verify(rows[0].password_hash, person.password)).toBe(true);
    } finally {
      await without.close();
    }
  });
});
