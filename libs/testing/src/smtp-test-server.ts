import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress, SMTPServerSession } from 'smtp-server';

/** One message as the test SMTP server received it, with the few headers tests look at decoded. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
  readonly messageId: string;
  readonly subject: string;
  readonly contentLanguage: string;
  /** Decoded text/plain and text/html parts (empty when absent), with \n line ends. */
  readonly text: string;
  readonly html: string;
}

export interface SmtpTestServerOptions {
  /**
   * Refuse a recipient: `true` or a 5xx code is a permanent error (the mailbox does not exist), a 4xx
   * code a temporary one (greylisting, a full mailbox).
   */
  rejectRecipient?: (address: string) => boolean | number;
  /**
   * Called when a message's DATA has been received, before the server answers 250. The answer waits
   * for the returned promise: tests use it to hold a message "in flight".
   */
  beforeAccept?: (mail: ReceivedMail, index: number) => Promise<void> | void;
}

export interface SmtpTestServer {
  readonly url: string;
  readonly port: number;
  /** Every message whose DATA was received completely (including ones whose answer the client never got). */
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (the maintained `smtp-server` package) on 127.0.0.1 and a free port, no TLS, no
 * authentication: what delivery tests talk to instead of a mock transport.
 */
export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error) => void) {
      const refusal = options.rejectRecipient?.(address.address);
      if (refusal) {
        const code = refusal === true ? 550 : refusal;
        const error = new Error(
          code >= 500 ? '5.1.1 mailbox unavailable' : '4.2.2 mailbox full, try later',
        ) as Error & {
          responseCode: number;
        };
        error.responseCode = code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMail(
          raw,
          session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          session.envelope.rcptTo.map((r) => r.address),
        );
        received.push(mail);
        Promise.resolve(options.beforeAccept?.(mail, received.length - 1)).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // clients killed mid-session are expected in these tests
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/* A deliberately small MIME reader: enough for the messages nodemailer writes (mailparser is not available). */

function splitHeaders(part: string): { headers: Map<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string, underscoreIsSpace = false): Buffer {
  const s = (underscoreIsSpace ? text.replace(/_/g, ' ') : text).replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
      (encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text, true)).toString(
        'utf8',
      ),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body).toString('utf8');
    default:
      return body;
  }
}

function collectParts(part: string, out: { text: string; html: string }): void {
  const { headers, body } = splitHeaders(part);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const inner of body.split(`--${boundary}`).slice(1)) {
      if (inner.startsWith('--')) break;
      collectParts(inner.replace(/^\r?\n/, ''), out);
    }
    return;
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding'));
  if (/^text\/html/i.test(type)) out.html += decoded;
  else if (/^text\/plain/i.test(type)) out.text += decoded;
}

export function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const { headers } = splitHeaders(raw);
  const parts = { text: '', html: '' };
  collectParts(raw, parts);
  return {
    from,
    to,
    raw,
    messageId: headers.get('message-id') ?? '',
    subject: decodeHeader(headers.get('subject') ?? ''),
    contentLanguage: headers.get('content-language') ?? '',
    text: parts.text.replace(/\r\n/g, '\n'),
    html: parts.html.replace(/\r\n/g, '\n'),
  };
}
