import { addressKey, proxyTrust } from './client-address';

/** The client address Fastify computes with a `trustProxy` function: walk from the peer leftwards. */
function clientOf(peer: string, forwardedFor: string, trust: ReturnType<typeof proxyTrust>): string {
  const hops = [
    peer,
    ...forwardedFor
      .split(',')
      .map((a) => a.trim())
      .reverse(),
  ];
  if (trust === false) return peer;
  const index = hops.findIndex((address, hop) => hop === hops.length - 1 || !trust(address, hop));
  return hops[index];
}

describe('proxyTrust', () => {
  it('trusts no hop by default: the connection peer is the client, whatever the header says', () => {
    expect(proxyTrust({ hops: 0 })).toBe(false);
    expect(clientOf('203.0.113.9', '1.2.3.4', proxyTrust({ hops: 0 }))).toBe('203.0.113.9');
  });

  it('with N trusted hops takes the address the N-th proxy appended, never a client-chosen one', () => {
    const oneHop = proxyTrust({ hops: 1 });
    expect(clientOf('10.0.0.2', '198.51.100.7', oneHop)).toBe('198.51.100.7');
    // The client sent `X-Forwarded-For: 1.2.3.4`; the proxy appended what it saw.
    expect(clientOf('10.0.0.2', '1.2.3.4, 198.51.100.7', oneHop)).toBe('198.51.100.7');
    expect(clientOf('10.0.0.2', '9.9.9.9, 1.2.3.4, 198.51.100.7', oneHop)).toBe('198.51.100.7');
    const twoHops = proxyTrust({ hops: 2 });
    expect(clientOf('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.1', twoHops)).toBe('198.51.100.7');
    // Fewer entries than trusted hops: the left-most there is (what the outer proxy saw).
    expect(clientOf('10.0.0.2', '198.51.100.7', twoHops)).toBe('198.51.100.7');
  });

  it('with a list trusts exactly the hops whose addresses it names', () => {
    const listed = proxyTrust({ proxies: ['10.0.0.0/8', '192.0.2.1', '2001:db8::/32'] });
    expect(listed).not.toBe(false);
    const trust = listed as (address: string, hop: number) => boolean;
    expect(trust('10.1.2.3', 0)).toBe(true);
    expect(trust('::ffff:10.1.2.3', 0)).toBe(true);
    expect(trust('192.0.2.1', 3)).toBe(true);
    expect(trust('192.0.2.2', 0)).toBe(false);
    expect(trust('2001:db8:1::5', 0)).toBe(true);
    expect(trust('[2001:db8:1::5]', 0)).toBe(true);
    expect(trust('2001:db9::5', 0)).toBe(false);
    expect(trust('not an address', 0)).toBe(false);
    expect(clientOf('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.9.9.9', listed)).toBe('198.51.100.7');
    // A peer that is not a listed proxy is the client, whatever it claims.
    expect(clientOf('198.51.100.8', '1.2.3.4', listed)).toBe('198.51.100.8');
  });
});

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
