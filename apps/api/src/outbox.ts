import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, CoreModule, describeStartupError, loadConfig } from '@enlace/core';
import { MIGRATIONS } from '@enlace/migrations';
import { MeetingsModule, NoMeetingChannelsModule } from '@enlace/meetings';
import { EmailOutboxService, NotificationsModule, readMailCopies } from '@enlace/notifications';

/**
 * `npm run outbox [N]`: prints the N latest e-mails (default 5), newest first, with their links —
 * for a deployment without `SMTP_URL`, where invitations and password resets would otherwise be read
 * from the database. With `DATABASE_URL`: from the outbox table (a link stays there until the e-mail
 * is sent, given up or its token expires). Embedded: from the copies the server keeps in
 * `DATA_DIR/mail`, which it reads without opening the database the running server holds.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const arg = process.argv[2];
  const count = arg === undefined ? 5 : Number(arg);
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    process.stderr.write(`usage: npm run outbox [N]   (N between 1 and 100, default 5; got "${arg}")\n`);
    process.exit(1);
  }
  const line = '-'.repeat(72);
  if (!config.databaseUrl) {
    const copies = readMailCopies(config.dataDir, count);
    if (copies.length === 0) {
      process.stdout.write(
        `No e-mails in ${config.dataDir}/mail yet (they appear a few seconds after they are written).\n`,
      );
    }
    for (const copy of copies) process.stdout.write(`${line}\n${copy}`);
    return;
  }

  // Meetings register how notifications about a meeting name it now (its title and time when printed);
  // this command changes no invitation, so it wires no meeting channels.
  @Module({
    imports: [
      CoreModule.forRoot({ config, migrations: MIGRATIONS }),
      NotificationsModule,
      NoMeetingChannelsModule,
      MeetingsModule,
    ],
  })
  class OutboxModule {}
  const app = await NestFactory.createApplicationContext(OutboxModule, { logger: false });
  try {
    const emails = await app.get(EmailOutboxService).latest(count);
    if (emails.length === 0) process.stdout.write('The outbox is empty.\n');
    for (const e of emails) {
      process.stdout.write(
        `${line}\nDate: ${e.createdAt.toISOString()} (${e.status})\nTo: ${e.to}\nSubject: ${e.subject}\n\n${e.text}\n`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace outbox failed: ${describeStartupError(error)}\n`);
  process.exit(1);
});
