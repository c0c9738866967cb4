import { DataSource } from 'typeorm';
import { Actor, TransactionRunner } from '@enlace/core';
import {
  actorForSession,
  ENGINES,
  insertAccount,
  insertMembership,
  insertNetwork,
  insertSession,
  testContext,
  TestContext,
} from '@enlace/testing';
import { TrainingModule } from '../training.module';
import { displayCode } from './certificate-code';
import { CertificateService } from './certificate.service';

// PGlite starts and migrates in beforeAll: slow on two busy cores.
jest.setTimeout(60_000);

describe.each(ENGINES)('certificates on %s', (engine) => {
  let ctx: TestContext;
  let ds: DataSource;
  let certificates: CertificateService;
  let secretariat: Actor;
  let holder: Actor;
  let stranger: Actor;
  let completed: string;
  let confirmed: string;

  async function member(networkId: string | null, role: string, name: string): Promise<Actor> {
    const person = await insertAccount(ds, { name, preferredLanguage: 'pt' });
    if (networkId) await insertMembership(ds, { personId: person.personId, networkId, role });
    return actorForSession(ds, await insertSession(ds, person.accountId));
  }

  beforeAll(async () => {
    ctx = await testContext({ engine, imports: [TrainingModule] });
    ds = ctx.dataSource;
    certificates = ctx.get(CertificateService);
    const net = (await insertNetwork(ds, { defaultLanguage: 'pt' })).id;
    secretariat = await member(net, 'SECRETARIAT', 'Secretaria');
    holder = await member(net, 'OBSERVER', 'Conceição Araújo');
    stranger = await member((await insertNetwork(ds)).id, 'SECRETARIAT', 'Elsewhere');
    const other = await member(net, 'OBSERVER', 'Other');
    const title = JSON.stringify({ pt: { text: 'Alerta precoce', status: 'ORIGINAL' } });
    const [{ id: curriculum }] = (await ds.query(`INSERT INTO curriculum (network_id) VALUES ($1) RETURNING id`, [
      net,
    ])) as { id: string }[];
    const [{ id: version }] = (await ds.query(
      `INSERT INTO curriculum_version (curriculum_id, number, title, status) VALUES ($1, 1, $2, 'PUBLISHED') RETURNING id`,
      [curriculum, title],
    )) as { id: string }[];
    const [{ id: training }] = (await ds.query(
      `INSERT INTO training (network_id, curriculum_version_id, title, format, time_zone, starts_at, ends_at, capacity, visibility, status)
       VALUES ($1, $2, $3, 'ONLINE', 'UTC', '2027-01-10T10:00Z', '2027-01-11T16:00Z', 10, 'NETWORK', 'COMPLETED') RETURNING id`,
      [net, version, title],
    )) as { id: string }[];
    const enrol = async (personId: string, status: string) =>
      (
        (await ds.query(
          `INSERT INTO enrolment (training_id, person_id, member_state, status) VALUES ($1, $2, 'AR', $3) RETURNING id`,
          [training, personId, status],
        )) as { id: string }[]
      )[0].id;
    completed = await enrol(holder.personId as string, 'COMPLETED');
    confirmed = await enrol(other.personId as string, 'ATTENDED');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const issue = (ids: string[]) => ctx.get(TransactionRunner).run((tx) => certificates.issueFor(ids, tx, secretariat));

  it('issues one certificate per completed enrolment, however often it runs, and none to the others', async () => {
    const first = await issue([completed, confirmed, completed, 'not-an-id']);
    expect(first.map((c) => c.enrolmentId)).toEqual([completed]);
    expect(await issue([completed, confirmed])).toEqual([]);
    const [mine] = await certificates.mine(holder);
    expect(mine).toMatchObject({ id: first[0].id, holderName: 'Conceição Araújo', curriculumVersion: 1 });
  });

  it('verifies a code as stored or as printed, and nothing else', async () => {
    const [mine] = await certificates.mine(holder);
    expect((await certificates.verify(mine.code))?.id).toBe(mine.id);
    expect((await certificates.verify(displayCode(mine.code).toLowerCase()))?.id).toBe(mine.id);
    expect(await certificates.verify('0'.repeat(32))).toBeNull();
    expect(await certificates.verify(mine.code.slice(1))).toBeNull();
  });

  it('shows and revokes a certificate only for those who may', async () => {
    const [mine] = await certificates.mine(holder);
    await expect(certificates.get(stranger, mine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(certificates.revoke(stranger, { certificateId: mine.id, reason: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(certificates.revoke(holder, { certificateId: mine.id, reason: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const pdf = await certificates.pdf(holder, mine.id);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.filename).toMatch(/^certificado-[0-9A-Z]{8}\.pdf$/);
    const revoked = await certificates.revoke(secretariat, { certificateId: mine.id, reason: 'Erro de registo' });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await certificates.verify(mine.code)).toMatchObject({ revokeReason: 'Erro de registo' });
    await expect(certificates.revoke(secretariat, { certificateId: mine.id, reason: 'again' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
