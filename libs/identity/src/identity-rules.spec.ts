import { checkNewPassword } from './identity-rules';

describe('checkNewPassword', () => {
  it('asks for 10 to 200 characters, counted as people count them', () => {
    expect(checkNewPassword('123456789', 'password')).toEqual([
      { field: 'password', key: 'validation:tooShort', params: { min: 10 } },
    ]);
    expect(checkNewPassword('1234567890', 'password')).toEqual([]);
    expect(checkNewPassword('🔑'.repeat(10), 'password')).toEqual([]);
    expect(checkNewPassword('x'.repeat(200), 'password')).toEqual([]);
    expect(checkNewPassword('x'.repeat(201), 'newPassword')).toEqual([
      { field: 'newPassword', key: 'validation:tooLong', params: { max: 200 } },
    ]);
  });
});
