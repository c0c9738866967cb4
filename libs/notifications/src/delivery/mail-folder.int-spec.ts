import { APP_CONFIG, type AppConfig } from '@enlace/core';
import { insertOutboxEmail, testContext, TestContext } from '@enlace/testing';
import { NotificationsModule } from '../notifications.module';
import { EmailOutboxService } from '../outbox/email-outbox.service';
import { EmailDeliveryService } from './email-delivery.service';
import { readMailCopies } from './mail-folder';

/** Without SMTP_URL, `npm run outbox` shows the e-mails people need to go on, links included. */
describe('the outbox an operator reads without SMTP', () => {
  const link = 'http://localhost:3000/invitations/accept?token=enl_abc';
  const params = { name: 'Ana', link, expiresAt: '2026-12-01T12:00:00Z' };

  describe('embedded', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await testContext({ engine: 'embedded PGlite', imports: [NotificationsModule] });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('keeps a copy of each e-mail with its link beside the database, newest first, and none in the log', async () => {
      await insertOutboxEmail(ctx.dataSource, { recipient: 'first@example.org', params });
      await insertOutboxEmail(ctx.dataSource, { recipient: 'ana@example.org', language: 'fr', params });
      await ctx.dataSource.query(`UPDATE email_outbox SET secret_params = '{link}'`);
      expect(await ctx.get(EmailDeliveryService).deliverDue()).toMatchObject({ logged: 2 });
      const dataDir = ctx.get<AppConfig>(APP_CONFIG).dataDir;
      const copies = readMailCopies(dataDir, 5);
      expect(copies).toHaveLength(2);
      expect(copies[0]).toMatch(/^Date: .*\nTo: ana@example.org\nSubject: Réinitialisez votre mot de passe Enlace\n\n/);
      expect(copies[0]).toContain(link);
      expect(copies[0]).toContain('1er décembre 2026');
      expect(readMailCopies(dataDir, 1)).toEqual([copies[0]]);
      // Logged once only: a second round copies nothing again.
      expect(await ctx.get(EmailDeliveryService).deliverDue()).toMatchObject({ logged: 0 });
      expect(readMailCopies(dataDir, 5)).toHaveLength(2);
    });
  });

  describe('with PostgreSQL', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await testContext({ engine: 'PostgreSQL', imports: [NotificationsModule] });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('renders the latest e-mails from the outbox, with the link while the row has it', async () => {
      await insertOutboxEmail(ctx.dataSource, { recipient: 'old@example.org', params });
      await insertOutboxEmail(ctx.dataSource, { recipient: 'ana@example.org', language: 'es', params });
      const [latest, older] = await ctx.get(EmailOutboxService).latest(2);
      expect(latest).toMatchObject({ to: 'ana@example.org', status: 'pending' });
      expect(latest.subject).toBe('Restablezca su contraseña de Enlace');
      expect(latest.text).toContain(link);
      expect(older.to).toBe('old@example.org');
    });
  });
});
