import {
  ENGINES,
  insertOutboxEmail,
  SmtpTestServer,
  startSmtpTestServer,
  testContext,
  TestContext,
} from '@enlace/testing';
import { NotificationsModule } from '../notifications.module';
import { EmailDeliveryService } from './email-delivery.service';

/** The embedded mode (one process, one PGlite connection) delivers like PostgreSQL (claims: libs/jobs). */
describe.each(ENGINES)('delivery on %s', (engine) => {
  let ctx: TestContext;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    ctx = await testContext({ engine, imports: [NotificationsModule], env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await ctx?.close();
    await smtp.close();
  });

  it('delivers the outbox', async () => {
    const ds = ctx.dataSource;
    const email = await insertOutboxEmail(ds, { language: 'fr' });
    expect(await ctx.get(EmailDeliveryService).deliverDue()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.subject)).toEqual(['Réinitialisez votre mot de passe Enlace']);
    const [row] = (await ds.query(`SELECT sent_at, message_id FROM email_outbox WHERE id = $1`, [email.id])) as {
      sent_at: Date | null;
      message_id: string;
    }[];
    expect(row.sent_at).not.toBeNull();
    expect(smtp.received[0].messageId).toBe(row.message_id);
  });

  it('scrubs secret params once sent, and gives up an e-mail whose link expired unsent', async () => {
    const ds = ctx.dataSource;
    const sent = await insertOutboxEmail(ds);
    const expired = await insertOutboxEmail(ds);
    await ds.query(`UPDATE email_outbox SET secret_params = '{link}', secret_expires_at = now() + interval '1 hour'`);
    await ds.query(`UPDATE email_outbox SET secret_expires_at = now() - interval '1 second' WHERE id = $1`, [
      expired.id,
    ]);
    expect(await ctx.get(EmailDeliveryService).deliverDue()).toMatchObject({ sent: 1, failed: 1 });
    const rows = (await ds.query(
      `SELECT id, params, secret_params, sent_at, failed_at, last_error FROM email_outbox WHERE id = ANY($1::uuid[])`,
      [[sent.id, expired.id]],
    )) as { id: string; params: Record<string, unknown>; secret_params: string[] | null; failed_at: Date | null }[];
    for (const r of rows) {
      expect(r.params).not.toHaveProperty('link');
      expect(r.params).toHaveProperty('name', 'Ana');
      expect(r.secret_params).toBeNull();
    }
    expect(rows.find((r) => r.id === expired.id)).toMatchObject({ last_error: 'link expired before delivery' });
    expect(rows.find((r) => r.id === expired.id)?.failed_at).toBeInstanceOf(Date);
  });
});
