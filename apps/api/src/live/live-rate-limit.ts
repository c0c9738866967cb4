import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@enlace/core';
import { LiveRedis, RedisClient } from './live-redis';

/** Budget of socket events per person (every connection, every process): bursts of 40, then 20 per second. */
export const LIVE_EVENT_BURST = 40;
export const LIVE_EVENTS_PER_SECOND = 20;
/** Events refused in a row (without the budget refilling) before the socket is disconnected for abuse. */
export const LIVE_ABUSE_STRIKES = 60;
/** Open sockets one person may hold on one process. */
export const LIVE_MAX_SOCKETS_PER_PERSON = 10;
/** Longest a budget check waits for Redis before this process's own budget decides. */
export const LIVE_BUDGET_REDIS_TIMEOUT_MS = 250;

export type SpendResult = 'ok' | 'limited' | 'abuse';

/** What spending one event gave, and when a refused person may try again (seconds, 0 when allowed). */
export interface Spent {
  readonly result: SpendResult;
  readonly retryAfter: number;
}

interface Bucket {
  tokens: number;
  at: number;
  strikes: number;
}

/** How often idle buckets are dropped from memory (a dropped bucket was full: nothing is lost). */
const SWEEP_EVERY_MS = 10_000;

/**
 * Token buckets per person, in this process's memory: a flood from one person is refused (`limited`,
 * answered RATE_LIMITED) and, if it goes on, ends the socket (`abuse`). A bucket outlives the
 * person's sockets (reconnecting refills nothing); it is dropped once it has refilled.
 */
export class LiveRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt: number;

  constructor(
    private readonly burst = LIVE_EVENT_BURST,
    private readonly perSecond = LIVE_EVENTS_PER_SECOND,
    private readonly strikesToAbuse = LIVE_ABUSE_STRIKES,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  spend(key: string): SpendResult {
    const now = this.now();
    if (now - this.sweptAt >= SWEEP_EVERY_MS) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now, strikes: 0 };
    bucket.tokens = this.refilled(bucket, now);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      if (bucket.tokens >= this.burst / 2) bucket.strikes = 0;
      return 'ok';
    }
    bucket.strikes += 1;
    return bucket.strikes >= this.strikesToAbuse ? 'abuse' : 'limited';
  }

  /** Seconds until one event is allowed again. */
  retryAfter(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  /** Buckets held in memory (idle full ones are dropped). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket, now: number): number {
    return Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond);
  }

  /** A full bucket is a fresh one: forgetting it changes nothing (its strikes would reset at the next event). */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (this.refilled(bucket, now) >= this.burst) this.buckets.delete(key);
  }
}

/**
 * The same token bucket as {@link LiveRateLimiter}, kept in a Redis hash per person and updated
 * atomically by one script, with Redis's clock (processes' clocks may differ). The key expires once
 * the bucket would be full again. Answers `{ result, retryAfter }`: result 0 ok, 1 limited, 2 abuse.
 */
export const SHARED_BUCKET_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local burst, rate, abuse, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'strikes')
local tokens = tonumber(saved[1]) or burst
local at = tonumber(saved[2]) or now
local strikes = tonumber(saved[3]) or 0
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local result = 0
if tokens >= 1 then
  tokens = tokens - 1
  if tokens >= burst / 2 then strikes = 0 end
else
  strikes = strikes + 1
  if strikes >= abuse then result = 2 else result = 1 end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'strikes', tostring(strikes))
redis.call('PEXPIRE', KEYS[1], ttl)
local retry = 0
if tokens < 1 then retry = math.max(1, math.ceil((1 - tokens) / rate)) end
return { result, retry }
`;
const SHARED_BUCKET_SHA = createHash('sha1').update(SHARED_BUCKET_SCRIPT).digest('hex');
const RESULTS: readonly SpendResult[] = ['ok', 'limited', 'abuse'];

/**
 * The socket event budget of SPEC §7, one per person across their connections and, with
 * `REDIS_URL`, across processes (a Redis token bucket per person). While Redis does not answer
 * (down, or slower than {@link LIVE_BUDGET_REDIS_TIMEOUT_MS}), each process falls back to its own
 * in-memory budget for the person: limits stay per process until Redis is back, and nobody is
 * refused because Redis is down.
 */
@Injectable()
export class LiveBudget {
  private readonly local = new LiveRateLimiter();
  private readonly prefix: string;
  private readonly args = [LIVE_EVENT_BURST, LIVE_EVENTS_PER_SECOND, LIVE_ABUSE_STRIKES].map(String);

  constructor(
    private readonly redis: LiveRedis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redisKeyPrefix}:live:budget:`;
    const ttlMs = Math.ceil((LIVE_EVENT_BURST / LIVE_EVENTS_PER_SECOND) * 1000) + 1000;
    this.args.push(String(ttlMs));
  }

  async spend(personId: string): Promise<Spent> {
    const client = this.redis.client;
    if (client?.isReady) {
      const shared = await this.spendShared(client, personId).catch(() => undefined);
      if (shared) return shared;
    }
    const result = this.local.spend(personId);
    return { result, retryAfter: result === 'ok' ? 0 : this.local.retryAfter(personId) };
  }

  private async spendShared(client: RedisClient, personId: string): Promise<Spent | undefined> {
    const options = { keys: [this.prefix + personId], arguments: this.args };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LIVE_BUDGET_REDIS_TIMEOUT_MS);
    });
    const run = client.evalSha(SHARED_BUCKET_SHA, options).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT'))
        return client.eval(SHARED_BUCKET_SCRIPT, options);
      throw error;
    });
    try {
      const reply = await Promise.race([run, late]);
      if (!Array.isArray(reply)) return undefined;
      const [code, retryAfter] = reply.map(Number);
      const result = RESULTS[code];
      return result ? { result, retryAfter: Number.isFinite(retryAfter) ? retryAfter : 1 } : undefined;
    } finally {
      clearTimeout(timer);
      run.catch(() => undefined); // a late failure after the fallback decided
    }
  }
}
