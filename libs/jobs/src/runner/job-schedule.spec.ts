import { slotOf } from './job-schedule';

describe('slotOf', () => {
  const hour = 3_600_000;
  const day = 24 * hour;

  it('floors to the period', () => {
    expect(slotOf({ everyMs: hour }, new Date('2026-11-21T11:59:59.999Z')).toISOString()).toBe(
      '2026-11-21T11:00:00.000Z',
    );
    expect(slotOf({ everyMs: hour }, new Date('2026-11-21T12:00:00.000Z')).toISOString()).toBe(
      '2026-11-21T12:00:00.000Z',
    );
  });

  it('honours an offset (a daily job at 07:00 UTC)', () => {
    const daily = { everyMs: day, offsetMs: 7 * hour };
    expect(slotOf(daily, new Date('2026-11-21T06:59:00Z')).toISOString()).toBe('2026-11-20T07:00:00.000Z');
    expect(slotOf(daily, new Date('2026-11-21T07:00:00Z')).toISOString()).toBe('2026-11-21T07:00:00.000Z');
    expect(slotOf(daily, new Date('2026-11-21T23:00:00Z')).toISOString()).toBe('2026-11-21T07:00:00.000Z');
  });

  it('rejects a period that is not a positive integer', () => {
    expect(() => slotOf({ everyMs: 0 }, new Date())).toThrow();
    expect(() => slotOf({ everyMs: 1.5 }, new Date())).toThrow();
  });
});
