import { dueDates, indicatorValueError, planTransitionError, scheduleErrors, weightError } from './action-plans-rules';

describe('action-plan rules', () => {
  it('puts due dates at the end of each period, on the last day of shorter months', () => {
    expect(dueDates({ start: '2012-07-01', end: '2013-07-01', everyMonths: 6 })).toEqual(['2013-01-01', '2013-07-01']);
    expect(dueDates({ start: '2012-01-31', end: '2012-04-30', everyMonths: 1 })).toEqual([
      '2012-02-29',
      '2012-03-31',
      '2012-04-30',
    ]);
    expect(dueDates({ start: '2012-01-01', end: '2012-01-31', everyMonths: 1 })).toEqual([]);
  });

  it('refuses schedules with no due date or too many', () => {
    expect(scheduleErrors({ start: '2012-01-01', end: '2012-01-31', everyMonths: 1 })).toEqual([
      { field: 'schedule.end', key: 'action-plans:scheduleEmpty' },
    ]);
    expect(scheduleErrors({ start: '2000-01-01', end: '2020-01-01', everyMonths: 1 }).map((e) => e.key)).toEqual([
      'action-plans:scheduleTooLong',
    ]);
    expect(scheduleErrors({ start: '2012-02-30', end: '2012-01-01', everyMonths: 0 }).map((e) => e.field)).toEqual([
      'schedule.start',
      'schedule.everyMonths',
    ]);
  });

  it('checks values against the kind of indicator', () => {
    expect(indicatorValueError('INTEGER', 2.5)?.key).toBe('action-plans:valueType.INTEGER');
    expect(indicatorValueError('PERCENT', 101)?.key).toBe('action-plans:valueType.PERCENT');
    expect(indicatorValueError('YES_NO', 1)).toBeNull();
    expect(indicatorValueError('NUMBER', -3.25)).toBeNull();
  });

  it('takes a weight the column keeps as given: above 0, at most 1000, two decimals at most', () => {
    for (const ok of [1, 0.01, 0.29, 1.1, 2.55, 1000]) expect(weightError(ok)).toBeNull();
    for (const bad of [0.001, 0.005, 1.255, 999.999]) expect(weightError(bad)?.key).toBe('action-plans:weightDecimals');
    for (const bad of [0, -1, 1000.01, Number.NaN, '1'])
      expect(weightError(bad)?.key).toBe('action-plans:weightPositive');
  });

  it('lets an archived plan stay archived', () => {
    expect(planTransitionError('ARCHIVED', 'ACTIVE')?.key).toBe('action-plans:illegalTransition');
    expect(planTransitionError('DRAFT', 'COMPLETED')?.key).toBe('action-plans:illegalTransition');
    expect(planTransitionError('ACTIVE', 'COMPLETED')).toBeNull();
  });
});
