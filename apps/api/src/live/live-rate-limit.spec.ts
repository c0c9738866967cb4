import { LiveRateLimiter } from './live-rate-limit';

describe('LiveRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const limiter = new LiveRateLimiter(5, 2, 100, () => now);
    for (let i = 0; i < 5; i += 1) expect(limiter.spend('p')).toBe('ok');
    expect(limiter.spend('p')).toBe('limited');
    expect(limiter.retryAfter('p')).toBe(1);
    now += 500; // one token back
    expect(limiter.spend('p')).toBe('ok');
    expect(limiter.spend('p')).toBe('limited');
    expect(limiter.spend('other')).toBe('ok');
  });

  it('calls a flood that goes on abuse', () => {
    let now = 0;
    const limiter = new LiveRateLimiter(2, 1, 3, () => now);
    limiter.spend('p');
    limiter.spend('p');
    expect(limiter.spend('p')).toBe('limited');
    expect(limiter.spend('p')).toBe('limited');
    expect(limiter.spend('p')).toBe('abuse');
    now += 10_000;
    expect(limiter.spend('p')).toBe('ok');
    expect(limiter.spend('p')).toBe('ok');
    expect(limiter.spend('p')).toBe('limited');
  });
});

describe('LiveRateLimiter memory', () => {
  it('drops buckets that have refilled (a full bucket is a fresh one), keeps the others', () => {
    let now = 0;
    const limiter = new LiveRateLimiter(4, 2, 100, () => now);
    for (let i = 0; i < 4; i += 1) limiter.spend('p');
    limiter.spend('q');
    expect(limiter.size).toBe(2);
    now = 10_000; // a sweep is due, and both have refilled
    limiter.spend('r');
    expect(limiter.size).toBe(1);
    now = 20_000;
    limiter.spend('s'); // r has refilled too
    expect(limiter.size).toBe(1);
  });
});
