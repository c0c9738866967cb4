import { isTimeZone } from '../i18n/time-zones';
import { instantToLocal, localToInstant } from './zoned-time';

describe('zoned time', () => {
  it('reads local times in the meeting’s zone, across daylight-saving changes', () => {
    // Kinshasa has no DST: 10:00 local is 09:00 UTC all year.
    expect(localToInstant('2011-05-25T10:00', 'Africa/Kinshasa')?.toISOString()).toBe('2011-05-25T09:00:00.000Z');
    expect(localToInstant('2011-12-10T10:00', 'Africa/Kinshasa')?.toISOString()).toBe('2011-12-10T09:00:00.000Z');
    // São Paulo kept DST in 2012 (UTC-2 in February, UTC-3 in March after the change).
    expect(localToInstant('2012-02-08T09:30', 'America/Sao_Paulo')?.toISOString()).toBe('2012-02-08T11:30:00.000Z');
    expect(localToInstant('2012-03-28T09:30', 'America/Sao_Paulo')?.toISOString()).toBe('2012-03-28T12:30:00.000Z');
    // New York on the day clocks go forward: 02:30 does not exist; on the day they go back, 01:30 is the earlier.
    expect(localToInstant('2012-03-11T02:30', 'America/New_York')).toBeNull();
    expect(localToInstant('2012-11-04T01:30', 'America/New_York')?.toISOString()).toBe('2012-11-04T05:30:00.000Z');
    expect(instantToLocal(new Date('2011-05-25T09:00:00Z'), 'Africa/Brazzaville')).toBe('2011-05-25T10:00');
  });

  it('refuses malformed times and unknown zones', () => {
    expect(localToInstant('2011-02-30T10:00', 'UTC')).toBeNull();
    expect(localToInstant('25/05/2011 10:00', 'UTC')).toBeNull();
    expect(isTimeZone('Africa/Kinshasa')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });
});
