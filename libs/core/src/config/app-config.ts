import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { StartupError } from '../process/startup-error';
import { EMAIL_SHAPE } from '../validation/validators';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Which reverse proxies may tell the client's address in `X-Forwarded-For` (`TRUST_PROXY`).
 * `{ hops: N }`: the N nearest hops are proxies (0: none, the connection's peer is the client), so
 * the client is the address the N-th of them saw. `{ proxies }`: hops whose address is one of these
 * IPs or CIDR blocks are proxies; the client is the nearest address that is not.
 */
export type TrustProxy = { readonly hops: number } | { readonly proxies: readonly string[] };

/** The most proxy hops `TRUST_PROXY` may name; more is a misconfiguration, not a deployment. */
export const MAX_TRUSTED_PROXY_HOPS = 10;

/** Default and longest `SHUTDOWN_GRACE_MS`: how long in-flight work may take to finish after SIGTERM. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
export const MAX_SHUTDOWN_GRACE_MS = 600_000;

/** Shortest `METRICS_TOKEN`: a bearer token is a secret, not a password someone types. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/**
 * Who may read `GET /metrics` (`METRICS_TOKEN`, `METRICS_ALLOW`): a caller with the bearer token, or
 * one whose client address (as `TRUST_PROXY` works it out) is one of `allow`'s IPs or CIDR blocks.
 * `undefined` when neither is set: there is no such route.
 */
export interface MetricsAccess {
  readonly token?: string;
  readonly allow: readonly string[];
}

/** The one typed view of the environment. Built once at boot by `loadConfig`. */
export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection string; `undefined` means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly redisUrl?: string;
  /** Prefix of every Redis key and channel Enlace uses (`REDIS_KEY_PREFIX`), so deployments can share a Redis. */
  readonly redisKeyPrefix: string;
  readonly smtpUrl?: string;
  /** `From:` of outgoing email (`EMAIL_FROM`); default `Enlace <noreply@host of PUBLIC_URL>`. */
  readonly emailFrom: string;
  /**
   * How long a delivery worker holds the outbox rows it claimed (`EMAIL_LEASE_SECONDS`); the rows of a
   * worker that died are delivered by another after this. SMTP timeouts are kept below it.
   */
  readonly emailLeaseSeconds: number;
  readonly publicUrl: string;
  readonly admin?: { readonly email: string; readonly password: string };
  readonly logLevel: LogLevel;
  /** Migrations run at start (always true outside tests that migrate a template themselves). */
  readonly migrateOnStart: boolean;
  /** The reverse proxies whose `X-Forwarded-For` entries are believed when computing client addresses. */
  readonly trustProxy: TrustProxy;
  /**
   * Origins (scheme://host[:port]) whose browsers may open live sockets (`ALLOWED_ORIGINS`,
   * comma-separated); by default the origin of `publicUrl`. Clients that send no Origin (not browsers) pass.
   */
  readonly allowedOrigins: readonly string[];
  /**
   * After SIGTERM, how long requests in flight (uploads included), the job run in hand and the e-mail
   * being sent may take to finish (`SHUTDOWN_GRACE_MS`) before what lingers is cut.
   */
  readonly shutdownGraceMs: number;
  /** `GET /metrics` access; `undefined`: not served (404 like any unknown route). */
  readonly metrics?: MetricsAccess;
}

export class ConfigError extends StartupError {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** `scheme://host[:port]` of an http(s) origin with no path, query or credentials; null otherwise. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) return null;
    if (url.pathname !== '/' || url.search || url.hash || /\/.+/.test(value.replace(/^https?:\/\//, ''))) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** An IPv4 or IPv6 address, or a CIDR block with a prefix length that fits it. */
function isAddressOrBlock(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** `TRUST_PROXY`: `false` | `0` | `true` (one hop) | a number of hops | a comma-separated list of IPs or CIDRs. */
function parseTrustProxy(raw: string, problems: string[]): TrustProxy {
  if (raw === 'false') return { hops: 0 };
  if (raw === 'true') return { hops: 1 };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= MAX_TRUSTED_PROXY_HOPS) return { hops };
  } else {
    const proxies = raw.split(',').map((entry) => entry.trim());
    if (proxies.every(isAddressOrBlock)) return { proxies };
  }
  problems.push(
    `TRUST_PROXY must be false, a number of proxy hops (0 to ${MAX_TRUSTED_PROXY_HOPS}; true means 1) ` +
      `or a comma-separated list of proxy IPs or CIDR blocks (got "${raw}")`,
  );
  return { hops: 0 };
}

/**
 * Parses and validates the environment. Every problem is collected, so one failed boot names every
 * bad variable at once. The only place in the project that reads `process.env`-shaped input.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const nodeEnvRaw = value('NODE_ENV') ?? 'development';
  if (!NODE_ENVS.includes(nodeEnvRaw as NodeEnv)) {
    problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')} (got "${nodeEnvRaw}")`);
  }

  const portRaw = value('PORT') ?? '3000';
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer between 0 and 65535 (got "${portRaw}")`);
  }

  const host = value('HOST') ?? '0.0.0.0';

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !isUrl(databaseUrl, ['postgres:', 'postgresql:'])) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const redisUrl = value('REDIS_URL');
  if (redisUrl !== undefined && !isUrl(redisUrl, ['redis:', 'rediss:'])) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }

  const redisKeyPrefix = value('REDIS_KEY_PREFIX') ?? 'enlace';
  if (!/^[A-Za-z0-9_:.-]{1,64}$/.test(redisKeyPrefix)) {
    problems.push('REDIS_KEY_PREFIX must be 1 to 64 letters, digits or _ : . -');
  }

  const smtpUrl = value('SMTP_URL');
  if (smtpUrl !== undefined && !isUrl(smtpUrl, ['smtp:', 'smtps:'])) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  }

  const publicUrl = value('PUBLIC_URL') ?? `http://localhost:${Number.isFinite(port) ? port : 3000}`;
  if (!isUrl(publicUrl, ['http:', 'https:'])) {
    problems.push('PUBLIC_URL must be an http:// or https:// URL');
  }

  const publicHost = (() => {
    try {
      return new URL(publicUrl).hostname || 'localhost';
    } catch {
      return 'localhost';
    }
  })();
  const emailFromRaw = value('EMAIL_FROM');
  const emailFrom = emailFromRaw ?? `Enlace <noreply@${publicHost}>`;
  const fromAddress = /<([^<>]+)>$/.exec(emailFrom)?.[1] ?? emailFrom;
  if (emailFromRaw !== undefined && (!EMAIL_SHAPE.test(fromAddress) || /[\r\n]/.test(emailFrom))) {
    problems.push('EMAIL_FROM must be an email address, optionally with a name: "Enlace <noreply@example.org>"');
  }

  const leaseRaw = value('EMAIL_LEASE_SECONDS') ?? '60';
  const emailLeaseSeconds = Number(leaseRaw);
  if (!/^\d+$/.test(leaseRaw) || emailLeaseSeconds < 3 || emailLeaseSeconds > 3600) {
    problems.push(`EMAIL_LEASE_SECONDS must be an integer between 3 and 3600 (got "${leaseRaw}")`);
  }

  const adminEmail = value('ADMIN_EMAIL');
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail !== undefined && !EMAIL_SHAPE.test(adminEmail)) {
    problems.push('ADMIN_EMAIL must be an email address');
  }
  if ((adminEmail === undefined) !== (adminPassword === undefined || adminPassword === '')) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== undefined && adminPassword !== '' && adminPassword.length < 10) {
    problems.push('ADMIN_PASSWORD must be at least 10 characters long');
  }

  const logLevelRaw = value('LOG_LEVEL') ?? (nodeEnvRaw === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  }

  const trustProxy = parseTrustProxy(value('TRUST_PROXY') ?? 'false', problems);

  const allowedOrigins: string[] = [];
  const originsRaw = value('ALLOWED_ORIGINS');
  for (const entry of (originsRaw ?? '').split(',').map((o) => o.trim())) {
    if (entry === '') continue;
    const origin = originOf(entry);
    if (origin === null) problems.push(`ALLOWED_ORIGINS must list http:// or https:// origins (got "${entry}")`);
    else if (!allowedOrigins.includes(origin)) allowedOrigins.push(origin);
  }
  if (allowedOrigins.length === 0 && isUrl(publicUrl, ['http:', 'https:']))
    allowedOrigins.push(new URL(publicUrl).origin);

  const graceRaw = value('SHUTDOWN_GRACE_MS') ?? String(DEFAULT_SHUTDOWN_GRACE_MS);
  const shutdownGraceMs = Number(graceRaw);
  if (!/^\d+$/.test(graceRaw) || shutdownGraceMs > MAX_SHUTDOWN_GRACE_MS) {
    problems.push(`SHUTDOWN_GRACE_MS must be an integer between 0 and ${MAX_SHUTDOWN_GRACE_MS} (got "${graceRaw}")`);
  }

  const metricsToken = value('METRICS_TOKEN');
  if (
    metricsToken !== undefined &&
    (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(metricsToken))
  ) {
    problems.push(
      `METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} printable characters without spaces ` +
        '(for example the output of `openssl rand -hex 32`)',
    );
  }
  const metricsAllow: string[] = [];
  for (const entry of (value('METRICS_ALLOW') ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    if (isAddressOrBlock(entry)) metricsAllow.push(entry);
    else problems.push(`METRICS_ALLOW must list IP addresses or CIDR blocks (got "${entry}")`);
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    nodeEnv: nodeEnvRaw as NodeEnv,
    port,
    host,
    databaseUrl,
    dataDir: resolve(value('DATA_DIR') ?? './data'),
    redisUrl,
    redisKeyPrefix,
    smtpUrl,
    emailFrom,
    emailLeaseSeconds,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    admin:
      adminEmail !== undefined && adminPassword !== undefined
        ? Object.freeze({ email: adminEmail.toLowerCase(), password: adminPassword })
        : undefined,
    logLevel: logLevelRaw as LogLevel,
    migrateOnStart: true,
    trustProxy: Object.freeze(
      'proxies' in trustProxy ? { proxies: Object.freeze([...trustProxy.proxies]) } : { ...trustProxy },
    ),
    allowedOrigins: Object.freeze(allowedOrigins),
    shutdownGraceMs,
    metrics:
      metricsToken !== undefined || metricsAllow.length > 0
        ? Object.freeze({ token: metricsToken, allow: Object.freeze(metricsAllow) })
        : undefined,
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
