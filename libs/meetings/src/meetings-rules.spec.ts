import { checkOnlineUrl, checkSchedule, transitionError } from './meetings-rules';

describe('meeting rules', () => {
  it('checks a schedule: end after start, at most 14 days, every problem at once', () => {
    expect(
      checkSchedule({ start: '2012-10-18T09:00', end: '2012-10-19T17:00', timeZone: 'Africa/Kampala' }).errors,
    ).toEqual([]);
    expect(checkSchedule({ start: '2012-10-18T09:00', end: '2012-10-18T08:00', timeZone: 'UTC' }).errors).toEqual([
      { field: 'end', key: 'meetings:endBeforeStart' },
    ]);
    expect(
      checkSchedule({ start: '2012-10-01T09:00', end: '2012-11-10T09:00', timeZone: 'UTC' }, 'input.').errors,
    ).toEqual([{ field: 'input.end', key: 'meetings:tooLong', params: { count: 14 } }]);
    expect(checkSchedule({ start: 'x', end: 'y', timeZone: 'Nowhere/City' }).errors).toEqual([
      { field: 'timeZone', key: 'meetings:unknownTimeZone', params: { value: 'Nowhere/City' } },
    ]);
  });

  it('allows the lifecycle of SPEC §4.3 only', () => {
    expect(transitionError('DRAFT', 'SCHEDULED')).toBeNull();
    expect(transitionError('SCHEDULED', 'CANCELLED')).toBeNull();
    expect(transitionError('HELD', 'CLOSED')).toBeNull();
    expect(transitionError('DRAFT', 'HELD')).toEqual({
      field: 'status',
      key: 'meetings:illegalTransition',
      params: { from: 'DRAFT', to: 'HELD' },
    });
    expect(transitionError('CLOSED', 'CANCELLED')).not.toBeNull();
    expect(transitionError('HELD', 'CANCELLED')).not.toBeNull();
  });

  it('takes only absolute web links as online links', () => {
    expect(checkOnlineUrl('https://meet.example.org/icglr')).toEqual([]);
    expect(checkOnlineUrl('javascript:alert(1)')).toEqual([{ field: 'onlineUrl', key: 'meetings:invalidUrl' }]);
    expect(checkOnlineUrl('meet.example.org')).toEqual([{ field: 'onlineUrl', key: 'meetings:invalidUrl' }]);
  });
});
