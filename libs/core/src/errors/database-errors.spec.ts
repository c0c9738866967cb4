import { domainErrorFromDatabase } from './database-errors';

describe('domainErrorFromDatabase', () => {
  it.each([
    [{ code: '22021' }, 'BAD_USER_INPUT'], // invalid byte sequence (NUL)
    [{ driverError: { code: '22008' } }, 'BAD_USER_INPUT'], // datetime field overflow
    [{ code: '23505' }, 'CONFLICT'],
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
