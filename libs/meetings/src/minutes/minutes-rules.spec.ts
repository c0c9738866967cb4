import { approvalsNeeded, checkQuorum, DEFAULT_QUORUM, quorumReached } from './minutes-rules';

describe('minutes quorum', () => {
  it('approves the ICGLR committee’s minutes with 3 of 4 states present at two thirds, not with 2', () => {
    expect(approvalsNeeded(4, DEFAULT_QUORUM)).toBe(3);
    expect(quorumReached(2, 4, DEFAULT_QUORUM)).toBe(false);
    expect(quorumReached(3, 4, DEFAULT_QUORUM)).toBe(true);
  });

  it('reaches an exact fraction without rounding errors, and never with nobody present', () => {
    expect(quorumReached(2, 3, DEFAULT_QUORUM)).toBe(true);
    expect(quorumReached(4, 6, DEFAULT_QUORUM)).toBe(true);
    expect(quorumReached(1, 2, { numerator: 1, denominator: 2 })).toBe(true);
    expect(quorumReached(0, 0, DEFAULT_QUORUM)).toBe(false);
    expect(approvalsNeeded(0, DEFAULT_QUORUM)).toBe(1);
  });

  it('accepts fractions in (0, 1] with a denominator up to 100 only', () => {
    expect(checkQuorum({ numerator: 3, denominator: 4 })).toEqual([]);
    expect(checkQuorum({ numerator: 1, denominator: 1 })).toEqual([]);
    expect(checkQuorum(null)).toEqual([]);
    for (const bad of [
      { numerator: 0, denominator: 3 },
      { numerator: 4, denominator: 3 },
      { numerator: 1.5, denominator: 3 },
      { numerator: 1, denominator: 101 },
    ]) {
      expect(checkQuorum(bad)).toEqual([{ field: 'quorum', key: 'meetings:minutes.invalidQuorum' }]);
    }
  });
});
