import { DataSource } from 'typeorm';
import { insertOutboxEmail, SmtpTestServer, startSmtpTestServer, testContext, TestContext } from '@enlace/testing';
import { NotificationsModule } from '../notifications.module';
import { EmailDeliveryService, MAX_TEMPORARY_ATTEMPTS } from './email-delivery.service';

interface Row {
  sent_at: Date | null;
  failed_at: Date | null;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  next_attempt_at: Date;
  logged_at: Date | null;
}

/** Delivery of the email outbox to a real SMTP server (smtp-server, in this process). */
describe('EmailDeliveryService', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let smtp: SmtpTestServer;
  const workers: TestContext[] = [];

  const ENV = { PUBLIC_URL: 'https://enlace.example.org', EMAIL_LEASE_SECONDS: '5' };
  /** A delivery worker with its own config and connection pool on the test's database, as a worker process. */
  const delivery = async (env: Record<string, string>): Promise<EmailDeliveryService> => {
    const worker = await testContext({
      imports: [NotificationsModule],
      env: { ...ENV, ...env },
      database: ctx.database,
    });
    workers.push(worker);
    return worker.get(EmailDeliveryService);
  };
  const row = async (id: string) => ((await ds.query(`SELECT * FROM email_outbox WHERE id = $1`, [id])) as Row[])[0];

  beforeAll(async () => {
    ctx = await testContext({ imports: [NotificationsModule], env: ENV });
    ds = ctx.dataSource;
    smtp = await startSmtpTestServer({
      rejectRecipient: (address) => (address.startsWith('nobody@') ? 550 : address.startsWith('full@') ? 452 : false),
    });
  });
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
  });
  beforeEach(async () => {
    await ds.query(`DELETE FROM email_outbox`);
    smtp.received.length = 0;
  });

  it('sends each email once, in its language, as text and HTML, with the Message-ID stored before sending', async () => {
    const invitation = await insertOutboxEmail(ds, {
      recipient: 'lucia@example.org',
      language: 'es',
      template: 'invitation',
      params: {
        link: 'https://enlace.example.org/invitation?token=abc',
        networkName: 'Red Latinoamericana',
        role: 'FOCAL_POINT',
        memberState: 'PY',
        inviterName: 'Valeria Ríos',
        expiresAt: '2026-11-28T10:00:00.000Z',
      },
    });
    const reset = await insertOutboxEmail(ds, {
      recipient: 'claire@example.org',
      language: 'fr',
      template: 'passwordReset',
      params: { name: 'Claire', link: 'https://enlace.example.org/reset?token=def', expiresAt: '2026-11-21T13:00:00Z' },
    });

    const service = await delivery({ SMTP_URL: smtp.url });
    expect(await service.deliverDue()).toEqual({ sent: 2, failed: 0, deferred: 0, logged: 0 });
    expect(await service.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0, logged: 0 });
    expect(smtp.received).toHaveLength(2);

    const es = smtp.received.find((m) => m.to.includes('lucia@example.org'))!;
    expect(es.subject).toBe('Invitación a unirse a Red Latinoamericana en Enlace');
    expect(es.contentLanguage).toBe('es');
    expect(es.text).toContain('Valeria Ríos le invita a unirse a Red Latinoamericana como punto focal.');
    expect(es.text).toContain('https://enlace.example.org/invitation?token=abc');
    expect(es.text).toContain('28 de noviembre de 2026');
    expect(es.html).toContain('<a href="https://enlace.example.org/invitation?token=abc">');
    expect(es.html).toContain('<html lang="es">');
    expect(es.from).toBe('noreply@enlace.example.org');

    const fr = smtp.received.find((m) => m.to.includes('claire@example.org'))!;
    expect(fr.subject).toBe('Réinitialisez votre mot de passe Enlace');
    expect(fr.text).toContain('Bonjour Claire');
    expect(fr.text).toContain('21 novembre 2026');

    for (const [id, mail] of [
      [invitation.id, es],
      [reset.id, fr],
    ] as const) {
      const stored = await row(id);
      expect(stored).toMatchObject({ attempts: 1, failed_at: null, last_error: null });
      expect(stored.sent_at).toBeInstanceOf(Date);
      expect(stored.message_id).toMatch(/^<[0-9a-f-]{36}@enlace\.example\.org>$/);
      expect(mail.messageId).toBe(stored.message_id);
    }
  });

  it('records an invalid or refused recipient as failed, and never retries it', async () => {
    const invalid = await insertOutboxEmail(ds, { recipient: 'not an address' });
    const refused = await insertOutboxEmail(ds, { recipient: 'nobody@example.org' });
    const fine = await insertOutboxEmail(ds, { recipient: 'somebody@example.org' });

    const service = await delivery({ SMTP_URL: smtp.url });
    expect(await service.deliverDue()).toEqual({ sent: 1, failed: 2, deferred: 0, logged: 0 });
    expect((await row(invalid.id)).failed_at).toBeInstanceOf(Date);
    expect((await row(invalid.id)).last_error).toBe('invalid recipient address');
    expect((await row(refused.id)).failed_at).toBeInstanceOf(Date);
    expect((await row(refused.id)).last_error).toMatch(/550/);
    expect((await row(fine.id)).sent_at).toBeInstanceOf(Date);

    await ds.query(`UPDATE email_outbox SET next_attempt_at = now() - interval '1 day'`);
    expect(await service.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0, logged: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([['somebody@example.org']]);
    expect((await row(refused.id)).attempts).toBe(1);
  });

  it('retries a temporary refusal (4xx) with backoff, then gives up after MAX_TEMPORARY_ATTEMPTS', async () => {
    const full = await insertOutboxEmail(ds, { recipient: 'full@example.org' });
    const service = await delivery({ SMTP_URL: smtp.url });
    expect(await service.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 1, logged: 0 });
    let stored = await row(full.id);
    expect(stored).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
    expect(stored.last_error).toMatch(/452/);
    expect(stored.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await service.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0, logged: 0 }); // not due yet

    for (let attempt = 2; attempt <= MAX_TEMPORARY_ATTEMPTS; attempt += 1) {
      await ds.query(`UPDATE email_outbox SET next_attempt_at = now() WHERE id = $1`, [full.id]);
      await service.deliverDue();
    }
    stored = await row(full.id);
    expect(stored.attempts).toBe(MAX_TEMPORARY_ATTEMPTS);
    expect(stored.failed_at).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps mail queued, with the error, while the SMTP server is unreachable; sends it when it is back', async () => {
    const down = await startSmtpTestServer();
    const downUrl = down.url;
    await down.close(); // nothing listens on this port any more
    const emails = await Promise.all([1, 2, 3].map(() => insertOutboxEmail(ds)));

    const unreachable = await delivery({ SMTP_URL: downUrl });
    expect(await unreachable.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 3, logged: 0 });
    for (const { id } of emails) {
      const stored = await row(id);
      expect(stored).toMatchObject({ sent_at: null, failed_at: null });
      expect(stored.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
      expect(stored.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000); // backoff
    }
    expect((await row(emails[0].id)).attempts).toBe(1); // only the message actually tried counts an attempt

    await ds.query(`UPDATE email_outbox SET next_attempt_at = now()`); // time passes
    expect(await (await delivery({ SMTP_URL: smtp.url })).deliverDue()).toMatchObject({ sent: 3 });
    for (const { id } of emails) expect((await row(id)).last_error).toBeNull();
  });

  it('without SMTP_URL, keeps every email in the outbox and logs each once', async () => {
    const email = await insertOutboxEmail(ds, { language: 'pt' });
    const service = await delivery({});
    expect(await service.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0, logged: 1 });
    expect(await service.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0, logged: 0 });
    const stored = await row(email.id);
    expect(stored).toMatchObject({ sent_at: null, failed_at: null, attempts: 0 });
    expect(stored.logged_at).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(0);
    // Configured later, the same email goes out.
    expect(await (await delivery({ SMTP_URL: smtp.url })).deliverDue()).toMatchObject({ sent: 1 });
  });

  it('shares the queue between concurrent workers without sending anything twice', async () => {
    const services = await Promise.all([1, 2, 3].map(() => delivery({ SMTP_URL: smtp.url })));
    for (let i = 0; i < 45; i += 1) await insertOutboxEmail(ds, { recipient: `p${i}@example.org` });
    const results = await Promise.all(services.map((service) => service.deliverDue()));
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(45);
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(45);
    expect(ids).toHaveLength(45);
  });
});
