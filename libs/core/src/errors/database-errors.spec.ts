import { domainErrorFromDatabase, hasSqlState, UNIQUE_VIOLATION } from './database-errors';

describe('domainErrorFromDatabase', () => {
  it.each([
    [{ code: '22021' }, 'BAD_USER_INPUT'], // invalid byte sequence (NUL)
    [{ driverError: { code: '22008' } }, 'BAD_USER_INPUT'], // datetime field overflow
    [{ code: '23505' }, 'CONFLICT'],
    [{ driverError: { code: '23P01' } }, 'CONFLICT'], // exclusion violation (overlapping seat terms)
    [{ code: '40001' }, 'CONFLICT'],
    [{ code: '40P01' }, 'CONFLICT'],
  ])('maps %p to %s', (error, code) => {
    expect(domainErrorFromDatabase(error)?.code).toBe(code);
  });

  it.each([[{ code: '42P01' }], [{ code: 'ECONNREFUSED' }], [new Error('boom')], [null], ['22021']])(
    'leaves %p internal',
    (error) => {
      expect(domainErrorFromDatabase(error)).toBeNull();
    },
  );
});

describe('hasSqlState', () => {
  it('reads the code from pg errors and from TypeORM wrappers', () => {
    expect(hasSqlState({ code: '23505' }, UNIQUE_VIOLATION)).toBe(true);
    expect(hasSqlState({ driverError: { code: '23505' } }, UNIQUE_VIOLATION)).toBe(true);
    expect(hasSqlState({ code: '23503' }, UNIQUE_VIOLATION, '23503')).toBe(true);
    expect(hasSqlState({ code: '23503' }, UNIQUE_VIOLATION)).toBe(false);
    expect(hasSqlState(new Error('23505'), UNIQUE_VIOLATION)).toBe(false);
    expect(hasSqlState(null, UNIQUE_VIOLATION)).toBe(false);
  });
});
