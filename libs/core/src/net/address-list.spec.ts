import { addressList } from './address-list';

describe('addressList', () => {
  const listed = addressList(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32', '::1']);

  it('matches addresses and blocks of both families', () => {
    expect(listed('10.1.2.3')).toBe(true);
    expect(listed('192.0.2.1')).toBe(true);
    expect(listed('192.0.2.2')).toBe(false);
    expect(listed('2001:db8:1::5')).toBe(true);
    expect(listed('2001:db9::5')).toBe(false);
    expect(listed('::1')).toBe(true);
  });

  it('reads addresses as Node writes them: brackets, zones and IPv4-mapped IPv6', () => {
    expect(listed('[2001:db8:1::5]')).toBe(true);
    expect(listed('::ffff:10.1.2.3')).toBe(true);
    expect(listed('::FFFF:192.0.2.1')).toBe(true);
    expect(listed('fe80::1%eth0')).toBe(false);
    expect(addressList(['fe80::/10'])('fe80::1%eth0')).toBe(true);
  });

  it('matches nothing that is not an address, and nothing at all when empty', () => {
    expect(listed('not an address')).toBe(false);
    expect(listed('')).toBe(false);
    expect(addressList([])('127.0.0.1')).toBe(false);
  });
});
