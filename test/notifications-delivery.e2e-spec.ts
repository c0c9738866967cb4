import { DataSource } from 'typeorm';
import { createDataSource, destroyDataSource } from '@enlace/core';
import {
  createTestDatabase,
  insertOutboxEmail,
  SmtpTestServer,
  startSmtpTestServer,
  TestDatabase,
} from '@enlace/testing';
import { startWorker, WorkerProcess } from './support/worker-process';

const LANGUAGES = ['en', 'es', 'pt', 'fr'];
const TOTAL = 30;
const KILL_AT = 9; // the 10th message is in flight when the worker is killed

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The delivery worker as a real process against a real SMTP server: killed with SIGKILL in the
 * middle of a batch, while the server holds one message in flight, then started again.
 */
describe('email delivery worker, killed mid-batch', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let smtp: SmtpTestServer;
  let releaseInFlight!: () => void;
  let inFlightReached!: () => void;
  const inFlight = new Promise<void>((resolve) => (inFlightReached = resolve));
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: [] });
    smtp = await startSmtpTestServer({
      beforeAccept: (_mail, index) => {
        if (index !== KILL_AT) return;
        inFlightReached();
        // Hold the answer to DATA: the message has reached the server, the worker has no 250 yet.
        return new Promise<void>((resolve) => (releaseInFlight = resolve));
      },
    });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    releaseInFlight?.();
    await smtp.close();
    await destroyDataSource(ds);
    await db.drop();
  });

  it('delivers every message, none lost, none twice but the one in flight (same Message-ID)', async () => {
    for (let i = 0; i < TOTAL; i += 1) {
      await insertOutboxEmail(ds, { recipient: `person${i}@example.org`, language: LANGUAGES[i % 4] });
    }
    const env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      EMAIL_LEASE_SECONDS: '3',
      PUBLIC_URL: 'https://enlace.example.org',
    };

    const first = await startWorker(env);
    workers.push(first);
    await inFlight;
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    releaseInFlight();

    const stateAtKill = (await ds.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
              count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed,
              count(*) FILTER (WHERE message_id IS NOT NULL)::int AS "withMessageId"
         FROM email_outbox`,
    )) as { sent: number; failed: number; withMessageId: number }[];
    expect(stateAtKill[0]).toMatchObject({ sent: KILL_AT, failed: 0 });
    expect(stateAtKill[0].withMessageId).toBeGreaterThan(KILL_AT); // the batch had its Message-IDs before sending
    expect(smtp.received).toHaveLength(KILL_AT + 1);
    const inFlightMail = smtp.received[KILL_AT];

    const second = await startWorker(env);
    workers.push(second);
    await waitFor(
      async () =>
        (
          (await ds.query(`SELECT count(*)::int AS n FROM email_outbox WHERE sent_at IS NOT NULL`)) as { n: number }[]
        )[0].n === TOTAL,
      60_000,
      'every email to be marked sent',
    );
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const stored = (await ds.query(
      `SELECT recipient::text AS recipient, message_id AS "messageId", attempts, failed_at AS "failedAt" FROM email_outbox`,
    )) as { recipient: string; messageId: string; attempts: number; failedAt: Date | null }[];
    expect(stored.every((r) => r.failedAt === null)).toBe(true);

    const copies = new Map<string, number>();
    for (const mail of smtp.received) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
    // None lost: every stored Message-ID reached the server, and nothing else did.
    expect([...copies.keys()].sort()).toEqual(stored.map((r) => r.messageId).sort());
    // None twice, except the one in flight at the kill, resent with the same Message-ID.
    const twice = [...copies].filter(([, n]) => n > 1);
    expect(twice).toEqual([[inFlightMail.messageId, 2]]);
    expect(smtp.received).toHaveLength(TOTAL + 1);
    const resent = smtp.received.filter((m) => m.messageId === inFlightMail.messageId);
    expect(resent[1].to).toEqual(resent[0].to);
    expect(resent[1].subject).toBe(resent[0].subject);
    expect(stored.find((r) => r.messageId === inFlightMail.messageId)?.attempts).toBe(1);
  }, 150_000);
});

/**
 * The delivery worker as a real process told to stop (SIGTERM) while the SMTP server holds one
 * message in flight: it claims nothing more, finishes that message, gives back the rest of its
 * batch and exits 0.
 */
describe('email delivery worker, stopped mid-batch (SIGTERM)', () => {
  const HOLD_AT = 2; // the 3rd message is in flight when the worker is told to stop
  let db: TestDatabase;
  let ds: DataSource;
  let smtp: SmtpTestServer;
  let release!: () => void;
  let reached!: () => void;
  const held = new Promise<void>((resolve) => (reached = resolve));
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: [] });
    smtp = await startSmtpTestServer({
      beforeAccept: (_mail, index) => {
        if (index !== HOLD_AT) return;
        reached();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    release?.();
    await smtp.close();
    await destroyDataSource(ds);
    await db.drop();
  });

  it('finishes the message in flight, claims nothing more, gives back the rest and exits 0', async () => {
    for (let i = 0; i < 10; i += 1) await insertOutboxEmail(ds, { recipient: `stop${i}@example.org` });
    worker = await startWorker({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://enlace.example.org',
    });
    await held;
    worker.child.kill('SIGTERM');
    await waitFor(async () => worker?.output().includes('"msg":"shutting down"') ?? false, 10_000, 'the shutdown');
    release();
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    const [state] = (await ds.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
              count(*) FILTER (WHERE sent_at IS NULL AND claimed_by IS NULL AND failed_at IS NULL)::int AS queued
         FROM email_outbox`,
    )) as { sent: number; queued: number }[];
    expect(state).toEqual({ sent: HOLD_AT + 1, queued: 10 - HOLD_AT - 1 }); // the one in flight finished
    expect(smtp.received).toHaveLength(HOLD_AT + 1); // nothing sent after the signal
  }, 120_000);
});
