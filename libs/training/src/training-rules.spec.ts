import { nextToPromote, seatFor, trainingTransitionError } from './training-rules';

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
