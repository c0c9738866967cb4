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
});
