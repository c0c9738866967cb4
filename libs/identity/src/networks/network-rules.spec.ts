import { cursorKey, isIsoDate, isMemberStateCode, isUuid, SLUG_PATTERN } from './network-rules';

describe('network rules', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes in capitals only', () => {
    for (const code of ['PY', 'PE', 'FR', 'BR', 'CD', 'SS']) expect(isMemberStateCode(code)).toBe(true);
    for (const code of ['py', 'XX', 'ZZ', 'EU', 'UK', 'PRY', '', 'P', null, 12])
      expect(isMemberStateCode(code)).toBe(false);
  });

  it('accepts real calendar dates as YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const value of ['2023-02-29', '2024-13-01', '2024-1-01', '01/02/2024', '2024-02-01T00:00:00Z', undefined]) {
      expect(isIsoDate(value)).toBe(false);
    }
  });

  it('checks uuids and slugs before they reach SQL', () => {
    expect(isUuid('3f0c2a9e-1b2c-4d5e-8f90-0123456789ab')).toBe(true);
    expect(isUuid("x' OR '1'='1")).toBe(false);
    expect(SLUG_PATTERN.test('latin-america-2')).toBe(true);
    for (const slug of ['Latin', 'a--b', '-a', 'a-', 'a b', 'café']) expect(SLUG_PATTERN.test(slug)).toBe(false);
  });

  it('accepts a cursor only with the shape the list expects', () => {
    expect(cursorKey(null, ['string'] as const)).toBeNull();
    expect(cursorKey(['abc'], ['string'] as const)).toEqual(['abc']);
    expect(() => cursorKey([1], ['string'] as const)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => cursorKey(['a', 'b'], ['string'] as const)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});
