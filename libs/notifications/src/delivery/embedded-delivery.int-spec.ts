import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, destroyDataSource, I18nService, loadConfig, runMigrations } from '@enlace/core';
import { MIGRATIONS } from '@enlace/migrations';
import { insertOutboxEmail, SmtpTestServer, startSmtpTestServer } from '@enlace/testing';
import { EmailQueueRepository } from '../outbox/email-queue.repository';
import { EmailRenderer } from '../rendering/email-renderer';
import { NotificationRenderer } from '../rendering/notification-renderer';
import { EmailDeliveryService } from './email-delivery.service';

/** The embedded mode: one process, one PGlite connection, the same delivery (claims: libs/jobs). */
describe('delivery on embedded PGlite', () => {
  let dataDir: string;
  let ds: DataSource;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'enlace-pglite-notifications-'));
    ds = await createDataSource({ dataDir }, { entities: [], migrations: MIGRATIONS });
    await runMigrations(ds);
    smtp = await startSmtpTestServer();
  });
  afterAll(async () => {
    await smtp.close();
    await destroyDataSource(ds);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the outbox', async () => {
    const email = await insertOutboxEmail(ds, { language: 'fr' });
    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url });
    const i18n = new I18nService();
    const delivery = new EmailDeliveryService(
      new EmailQueueRepository(ds),
      new EmailRenderer(i18n, new NotificationRenderer(i18n), config),
      config,
    );
    expect(await delivery.deliverDue()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.subject)).toEqual(['Réinitialisez votre mot de passe Enlace']);
    const [row] = (await ds.query(`SELECT sent_at, message_id FROM email_outbox WHERE id = $1`, [email.id])) as {
      sent_at: Date | null;
      message_id: string;
    }[];
    expect(row.sent_at).not.toBeNull();
    expect(smtp.received[0].messageId).toBe(row.message_id);
  });
});
