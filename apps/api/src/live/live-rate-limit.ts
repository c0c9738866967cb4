/** Budget of socket events per person and process: bursts of 40, then 20 per second. */
export const LIVE_EVENT_BURST = 40;
export const LIVE_EVENTS_PER_SECOND = 20;
/** Events refused in a row (without the budget refilling) before the socket is disconnected for abuse. */
export const LIVE_ABUSE_STRIKES = 60;
/** Open sockets one person may hold on one process. */
export const LIVE_MAX_SOCKETS_PER_PERSON = 10;

export type SpendResult = 'ok' | 'limited' | 'abuse';

interface Bucket {
  tokens: number;
  at: number;
  strikes: number;
}

/**
 * Token buckets per person, in memory: a flood from one person is refused (`limited`, answered
 * RATE_LIMITED) and, if it goes on, ends the socket (`abuse`). Per process: with several processes
 * a person's budget is per process they are connected to, bounded by the socket cap.
 */
export class LiveRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst = LIVE_EVENT_BURST,
    private readonly perSecond = LIVE_EVENTS_PER_SECOND,
    private readonly strikesToAbuse = LIVE_ABUSE_STRIKES,
    private readonly now: () => number = Date.now,
  ) {}

  spend(key: string): SpendResult {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now, strikes: 0 };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
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

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
