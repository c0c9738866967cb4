import {
  checkCompletionRule,
  checkSessionTimes,
  nextToPromote,
  seatFor,
  trainingTransitionError,
} from './training-rules';

describe('training rules', () => {
  it('seats a nomination while the training and its country have room', () => {
    expect(seatFor({ capacity: 20, seated: 19, quota: 2, seatedInCountry: 1 })).toBe('CONFIRMED');
    expect(seatFor({ capacity: 20, seated: 20, quota: 2, seatedInCountry: 0 })).toBe('WAITLISTED');
    expect(seatFor({ capacity: 20, seated: 3, quota: 2, seatedInCountry: 2 })).toBe('WAITLISTED');
    expect(seatFor({ capacity: 20, seated: 3, quota: null, seatedInCountry: 9 })).toBe('CONFIRMED');
    expect(seatFor({ capacity: 20, seated: 3, quota: 0, seatedInCountry: 0 })).toBe('WAITLISTED');
  });

  it('promotes the earliest waitlisted nomination whose country has room', () => {
    const waitlist = [
      { id: 'pe-3', memberState: 'PE' },
      { id: 'uy-3', memberState: 'UY' },
      { id: 'ar-3', memberState: 'AR' },
    ];
    const quotas = new Map([
      ['PE', 2],
      ['UY', 2],
    ]);
    // A Uruguayan withdrew: Uruguay has room, Peru does not, Argentina has no quota.
    expect(
      nextToPromote(
        waitlist,
        quotas,
        new Map([
          ['PE', 2],
          ['UY', 1],
        ]),
      )?.id,
    ).toBe('uy-3');
    expect(
      nextToPromote(
        waitlist,
        quotas,
        new Map([
          ['PE', 2],
          ['UY', 2],
        ]),
      )?.id,
    ).toBe('ar-3');
    expect(
      nextToPromote(
        waitlist.slice(0, 2),
        quotas,
        new Map([
          ['PE', 2],
          ['UY', 2],
        ]),
      ),
    ).toBeNull();
  });

  it('allows the lifecycle of SPEC §4.2 only', () => {
    expect(trainingTransitionError('DRAFT', 'OPEN')).toBeNull();
    expect(trainingTransitionError('CLOSED', 'OPEN')).toBeNull();
    expect(trainingTransitionError('DRAFT', 'RUNNING')).toEqual({
      field: 'status',
      key: 'training:illegalTransition',
      params: { from: 'DRAFT', to: 'RUNNING' },
    });
    expect(trainingTransitionError('COMPLETED', 'CANCELLED')).not.toBeNull();
  });
});

describe('checkSessionTimes', () => {
  const training = {
    timeZone: 'Africa/Nairobi',
    startsAt: new Date('2012-08-21T06:00:00Z'),
    endsAt: new Date('2012-08-23T14:00:00Z'),
  };

  it('reads local times in the training’s zone and keeps a session within its dates', () => {
    const ok = checkSessionTimes({ start: '2012-08-21T09:00', end: '2012-08-21T12:00' }, training);
    expect(ok).toEqual({
      startsAt: new Date('2012-08-21T06:00:00Z'),
      endsAt: new Date('2012-08-21T09:00:00Z'),
      errors: [],
    });
    expect(checkSessionTimes({ start: '2012-08-23T16:00', end: '2012-08-23T18:00' }, training).errors).toEqual([
      {
        field: 'start',
        key: 'training:sessionOutsideDates',
        params: { trainingStart: '2012-08-21 09:00', trainingEnd: '2012-08-23 17:00', zone: 'Africa/Nairobi' },
      },
    ]);
    expect(checkSessionTimes({ start: '2012-08-21T12:00', end: '2012-08-21T09:00' }, training).errors).toEqual([
      { field: 'end', key: 'meetings:endBeforeStart' },
    ]);
    expect(checkSessionTimes({ start: 'tomorrow', end: null }, training).errors.map((e) => e.field)).toEqual([
      'start',
      'end',
    ]);
  });
});

describe('checkCompletionRule', () => {
  it('asks a share in (0, 1] of the share rule only', () => {
    expect(checkCompletionRule('ALL_REQUIRED_MODULES', null)).toEqual([]);
    expect(checkCompletionRule('MIN_SHARE_OF_SESSIONS', 0.75)).toEqual([]);
    expect(checkCompletionRule('MIN_SHARE_OF_SESSIONS', 1)).toEqual([]);
    for (const bad of [0, -0.5, 1.01, Number.NaN, null]) {
      expect(checkCompletionRule('MIN_SHARE_OF_SESSIONS', bad)).toEqual([
        { field: 'minSessionShare', key: 'training:invalidShare' },
      ]);
    }
    expect(checkCompletionRule('ALL_REQUIRED_MODULES', 0.5)).toEqual([
      { field: 'minSessionShare', key: 'training:shareOnlyForShareRule' },
    ]);
    expect(checkCompletionRule('MOST', null)).toEqual([{ field: 'completionRule', key: 'validation:invalidValue' }]);
  });
});
