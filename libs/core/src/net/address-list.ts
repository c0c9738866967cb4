import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * The one way to ask "is this address one of these IPs or CIDR blocks?" (`TRUST_PROXY`'s proxies,
 * `METRICS_ALLOW`). Entries are validated by the config; an address is matched as Node writes it
 * (`request.ip`, a socket's `remoteAddress`): brackets and an IPv6 zone are ignored, and an
 * IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) matches the IPv4 entries too. Anything that is not an
 * address matches nothing.
 */
export function addressList(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const raw = address
      .trim()
      .replace(/^\[|\]$/g, '')
      .replace(/%.*$/, '');
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
    if (mapped && isIPv4(mapped[1])) return list.check(mapped[1], 'ipv4') || list.check(raw, 'ipv6');
    if (isIPv4(raw)) return list.check(raw, 'ipv4');
    return isIPv6(raw) && list.check(raw, 'ipv6');
  };
}
