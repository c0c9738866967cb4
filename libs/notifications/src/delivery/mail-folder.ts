import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the embedded mode without `SMTP_URL` keeps a readable copy of each e-mail: `DATA_DIR/mail`. */
export function mailFolder(dataDir: string): string {
  return join(dataDir, 'mail');
}

let written = 0;

export interface MailCopy {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Writes one e-mail, links included, as a text file only its owner may read (`<time>-<id>.txt`,
 * mode 0600): beside the embedded database, which holds the same link, and never in the log. It is
 * what `npm run outbox` prints while the server holds the database.
 */
export function writeMailCopy(dataDir: string, mail: MailCopy, at: Date = new Date()): string {
  const dir = mailFolder(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Names sort as the copies were written: the time, then this process's count within the millisecond.
  written += 1;
  const file = join(
    dir,
    `${at.toISOString().replace(/[:.]/g, '-')}-${String(written).padStart(9, '0')}-${mail.id}.txt`,
  );
  const content = `Date: ${at.toISOString()}\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`;
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** The `count` latest e-mails of the folder, newest first, as written (none when there is no folder). */
export function readMailCopies(dataDir: string, count: number): string[] {
  let names: string[];
  try {
    names = readdirSync(mailFolder(dataDir)).filter((name) => name.endsWith('.txt'));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .slice(0, count)
    .map((name) => readFileSync(join(mailFolder(dataDir), name), 'utf8'));
}
