import { addressKey } from './client-address';

describe('addressKey', () => {
  it('keeps IPv4 addresses as they are', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('groups IPv6 addresses by /64, however they are written', () => {
    const key = addressKey('2001:db8:85a3:0:1:2:3:4');
    expect(key).toBe('2001:db8:85a3:0::/64');
    expect(addressKey('2001:0DB8:85A3:0000:ffff:ffff:ffff:ffff')).toBe(key);
    expect(addressKey('2001:db8:85a3::9')).toBe(key);
    expect(addressKey('[2001:db8:85a3::9]')).toBe(key);
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
  });

  it('tells different /64 blocks apart', () => {
    expect(addressKey('2001:db8:85a3:1::1')).not.toBe(addressKey('2001:db8:85a3:2::1'));
  });

  it('keeps anything else as a lower-case key', () => {
    expect(addressKey('Unix-Socket')).toBe('unix-socket');
    expect(addressKey('')).toBe('unknown');
  });
});
