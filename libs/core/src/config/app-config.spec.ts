import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      admin: undefined,
      logLevel: 'info',
      trustProxy: { hops: 0 },
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/enlace',
      DATA_DIR: '/var/lib/enlace',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_URL: 'https://enlace.example.org/',
      ADMIN_EMAIL: 'Admin@Example.org',
      ADMIN_PASSWORD: 'a long enough password',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/enlace',
      dataDir: '/var/lib/enlace',
      redisUrl: 'redis://cache:6379',
      smtpUrl: 'smtp://mail:25',
      publicUrl: 'https://enlace.example.org',
      admin: { email: 'admin@example.org', password: 'a long enough password' },
      logLevel: 'warn',
      trustProxy: { hops: 1 },
    });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', ADMIN_EMAIL: 'not-an-email' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'NODE_ENV', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
      expect(message).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('refuses a short administrator password and a half-configured administrator', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD must be at least 10 characters/,
    );
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long enough password' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/);
  });

  it('reads the origin allow-list of live sockets, defaulting to the public address', () => {
    expect(loadConfig({}).allowedOrigins).toEqual(['http://localhost:3000']);
    expect(loadConfig({ PUBLIC_URL: 'https://enlace.example.org/app' }).allowedOrigins).toEqual([
      'https://enlace.example.org',
    ]);
    expect(
      loadConfig({ ALLOWED_ORIGINS: ' https://a.example.org, http://localhost:5173 ,https://a.example.org/' })
        .allowedOrigins,
    ).toEqual(['https://a.example.org', 'http://localhost:5173']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example.org,*' })).toThrow(/ALLOWED_ORIGINS.*"\*"/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://a.example.org' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example.org/path' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('prefixes Redis keys with REDIS_KEY_PREFIX (default enlace)', () => {
    expect(loadConfig({}).redisKeyPrefix).toBe('enlace');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'enlace-staging:eu' }).redisKeyPrefix).toBe('enlace-staging:eu');
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'has space' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('reads the sender and the delivery lease of outgoing email', () => {
    expect(loadConfig({})).toMatchObject({ emailFrom: 'Enlace <noreply@localhost>', emailLeaseSeconds: 60 });
    expect(loadConfig({ PUBLIC_URL: 'https://enlace.example.org' }).emailFrom).toBe(
      'Enlace <noreply@enlace.example.org>',
    );
    expect(loadConfig({ EMAIL_FROM: 'Red Enlace <avisos@example.org>', EMAIL_LEASE_SECONDS: '5' })).toMatchObject({
      emailFrom: 'Red Enlace <avisos@example.org>',
      emailLeaseSeconds: 5,
    });
    expect(loadConfig({ EMAIL_FROM: 'avisos@example.org' }).emailFrom).toBe('avisos@example.org');
    expect(() => loadConfig({ EMAIL_FROM: 'Enlace' })).toThrow(/EMAIL_FROM/);
    expect(() => loadConfig({ EMAIL_FROM: 'Enlace <a@example.org>\nBcc: x@example.org' })).toThrow(/EMAIL_FROM/);
    for (const bad of ['2', '3601', '1.5', 'soon']) {
      expect(() => loadConfig({ EMAIL_LEASE_SECONDS: bad })).toThrow(/EMAIL_LEASE_SECONDS/);
    }
  });

  it('trusts exactly the proxy hops or proxy addresses TRUST_PROXY names', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ hops: 0 });
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual({ hops: 0 });
    // `true` is kept for existing deployments: one reverse proxy, never "believe the whole header".
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual({ hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16 ,2001:db8::/32,::1' }).trustProxy).toEqual({
      proxies: ['10.0.0.5', '192.168.0.0/16', '2001:db8::/32', '::1'],
    });
    for (const bad of [
      'yes',
      '-1',
      '1.5',
      '100',
      '10.0.0.300',
      '10.0.0.0/33',
      '2001:db8::/129',
      '10.0.0.1,,x',
      'true,1',
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('reads the shutdown grace period (default 10 s)', () => {
    expect(loadConfig({}).shutdownGraceMs).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '0' }).shutdownGraceMs).toBe(0);
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '25000' }).shutdownGraceMs).toBe(25_000);
    for (const bad of ['-1', '1.5', '10s', '600001']) {
      expect(() => loadConfig({ SHUTDOWN_GRACE_MS: bad })).toThrow(/SHUTDOWN_GRACE_MS/);
    }
  });

  it('serves metrics only when METRICS_TOKEN or METRICS_ALLOW is set, and never echoes the token', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metrics).toEqual({ token: 'a'.repeat(16), allow: [] });
    expect(loadConfig({ METRICS_ALLOW: '127.0.0.1, 10.0.0.0/8,::1' }).metrics).toEqual({
      token: undefined,
      allow: ['127.0.0.1', '10.0.0.0/8', '::1'],
    });
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/8,prometheus.internal' })).toThrow(/METRICS_ALLOW/);
    for (const bad of ['short', 'sixteen chars !!']) {
      let message = '';
      try {
        loadConfig({ METRICS_TOKEN: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('METRICS_TOKEN');
      expect(message).not.toContain(bad);
    }
  });

  it('refuses out-of-range ports and bad URLs', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ SMTP_URL: 'nonsense' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});
