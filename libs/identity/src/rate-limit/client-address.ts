import { isIPv4, isIPv6 } from 'node:net';
import { addressList, TrustProxy } from '@enlace/core';

/**
 * Whether hop `hop` of a request, at `address`, is a trusted proxy: hop 0 is the connection's peer,
 * hop 1 the right-most `X-Forwarded-For` entry (appended by the proxy at hop 0), and so on leftwards.
 * The client address is the first hop, walking from the right, that is not trusted; entries left of
 * it were written by the client (or by proxies nobody vouches for) and are never believed. The
 * signature is Fastify's `trustProxy` function's; `false` when no hop is trusted.
 */
export function proxyTrust(setting: TrustProxy): false | ((address: string, hop: number) => boolean) {
  if ('hops' in setting) {
    const hops = setting.hops;
    return hops === 0 ? false : (_address, hop) => hop < hops;
  }
  const isProxy = addressList(setting.proxies);
  return (address) => isProxy(address);
}

/**
 * The key a client address is rate-limited under. IPv4 addresses (also when written as
 * IPv4-mapped IPv6) count one by one; IPv6 addresses count per /64, the smallest block a provider
 * hands out, so one client cannot rotate through its own subnet to multiply its budget.
 */
export function addressKey(address: string): string {
  const raw = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(raw)) return raw;
  const withoutZone = raw.replace(/%.*$/, '');
  if (isIPv6(withoutZone)) return `${expandIpv6(withoutZone).slice(0, 4).join(':')}::/64`;
  return raw.toLowerCase() || 'unknown';
}

/** The eight hextets of an IPv6 address, lower case, without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((h) => parseInt(h, 16).toString(16));
}
