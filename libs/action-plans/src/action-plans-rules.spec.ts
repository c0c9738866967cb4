import { dueDates, indicatorValueError, planTransitionError, scheduleErrors } from './action-plans-rules';

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

  it('lets an archived plan stay archived', () => {
    expect(planTransitionError('ARCHIVED', 'ACTIVE')?.key).toBe('action-plans:illegalTransition');
    expect(planTransitionError('DRAFT', 'COMPLETED')?.key).toBe('action-plans:illegalTransition');
    expect(planTransitionError('ACTIVE', 'COMPLETED')).toBeNull();
  });
});
