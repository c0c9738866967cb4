import type { Transporter } from 'nodemailer';

export interface OutgoingMessage {
  readonly from: string;
  readonly to: string;
  readonly messageId: string;
  readonly language: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * How a send failed: `PERMANENT` (the address or the message is refused: never retried),
 * `TEMPORARY` (this message, later), `UNREACHABLE` (the server: every message waits).
 */
export type SendFailureKind = 'PERMANENT' | 'TEMPORARY' | 'UNREACHABLE';

export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  constructor(
    readonly kind: SendFailureKind,
    message: string,
  ) {
    super(message);
  }
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'EPROXY', 'ETLS']);

/** Sorts a nodemailer error into what the outbox does next. */
export function classifySendError(error: unknown): SendFailure {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = [e.code, e.responseCode, e.response ?? e.message].filter((x) => x !== undefined).join(' ');
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) {
    return new SendFailure(e.code === 'EAUTH' ? 'UNREACHABLE' : 'PERMANENT', text);
  }
  if (e.code === 'EENVELOPE' && e.responseCode === undefined) return new SendFailure('PERMANENT', text);
  if (typeof e.responseCode === 'number') return new SendFailure('TEMPORARY', text);
  if (e.code && (CONNECTION_CODES.has(e.code) || e.code === 'EAUTH')) return new SendFailure('UNREACHABLE', text);
  return new SendFailure('UNREACHABLE', text || String(error));
}

/** A plausible single mailbox (the outbox refuses to send anything else). */
export function isDeliverableAddress(address: string): boolean {
  return (
    address.length <= 254 &&
    /^[^\s@<>(),;:"\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$/.test(address)
  );
}

/**
 * SMTP through nodemailer (a maintained mail library), one connection per message; timeouts stay under
 * the lease. Nodemailer is loaded with the first message: a server without `SMTP_URL` never pays for it
 * (~2 MiB of heap, ~10 MiB of resident code).
 */
export class SmtpMailer {
  private transport?: Promise<Transporter>;

  constructor(
    private readonly smtpUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private transporter(): Promise<Transporter> {
    // Not pooled: a pool re-queues a message whose connection dropped, a resend the outbox could not see.
    this.transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        url: this.smtpUrl,
        connectionTimeout: this.timeoutMs,
        greetingTimeout: this.timeoutMs,
        socketTimeout: this.timeoutMs,
        dnsTimeout: this.timeoutMs,
      }),
    );
    return this.transport;
  }

  async send(message: OutgoingMessage): Promise<void> {
    const transport = await this.transporter();
    try {
      await transport.sendMail({
        from: message.from,
        to: message.to,
        messageId: message.messageId,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      throw classifySendError(error);
    }
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
  }
}
