// Who the client is: its address (through trusted proxies only, GATEWAY_TRUST_PROXY) and the x-forwarded-* it gets.
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '@techcorp/platform';

export type TrustProxy =
  | { readonly kind: 'none' }
  | { readonly kind: 'all' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'list'; readonly list: BlockList };

export interface ClientAddress {
  /** The client's IP: the socket peer unless that peer is a trusted proxy. */
  readonly ip: string;
  /** x-forwarded-for for the upstream: the client, then every trusted hop, then the socket peer. */
  readonly forwardedFor: string;
  readonly proto: string;
  readonly host: string | undefined;
}

const VARIABLE = 'GATEWAY_TRUST_PROXY';
const NAMED_RANGES: Record<string, readonly [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/** Off by default (the socket peer is the client); `true`, a hop count, or addresses/CIDRs/loopback,linklocal,uniquelocal. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase() ?? '';
  if (['', 'false', 'off', 'no', '0'].includes(value)) return { kind: 'none' };
  if (['true', 'on', 'yes'].includes(value)) return { kind: 'all' };
  if (/^\d{1,3}$/.test(value)) return { kind: 'hops', hops: Number(value) };
  const list = new BlockList();
  for (const entry of value.split(',').map((part) => part.trim())) {
    const named = NAMED_RANGES[entry];
    if (named) {
      for (const [network, prefix, type] of named) list.addSubnet(network, prefix, type);
      continue;
    }
    const [address = '', prefixText] = entry.split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new ConfigError(
        `${VARIABLE} must be true, a hop count, or addresses/CIDRs (bad entry ${entry.slice(0, 50)})`,
      );
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { kind: 'list', list };
}

/** An IPv4-mapped IPv6 address (::ffff:1.2.3.4) as the IPv4 address it is. */
export function plainIp(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? (mapped[1] as string) : ip;
}

function trusted(trust: TrustProxy, ip: string, index: number): boolean {
  switch (trust.kind) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'hops':
      return index < trust.hops;
    case 'list':
      return trust.list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
    default: {
      const never: never = trust;
      return never;
    }
  }
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

export function clientAddress(
  socketIp: string,
  headers: Record<string, string | string[] | undefined>,
  trust: TrustProxy,
  encrypted = false,
): ClientAddress {
  const peer = plainIp(socketIp);
  const forwarded = headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((part) => plainIp(part.trim()))
    .filter((part) => part !== '')
    .reverse();
  // Nearest first: the socket peer, then each proxy's claim about who called it. Walk outwards while the hop is trusted.
  const addresses = [peer, ...chain];
  let index = 0;
  while (index < addresses.length - 1 && trusted(trust, addresses[index] as string, index)) {
    if (isIP(addresses[index + 1] as string) === 0) break;
    index++;
  }
  const peerTrusted = index > 0;
  const forwardedProto = firstValue(headers['x-forwarded-proto']);
  const ownProto = encrypted ? 'https' : 'http';
  return {
    ip: addresses[index] as string,
    forwardedFor: addresses
      .slice(0, index + 1)
      .reverse()
      .join(', '),
    proto: peerTrusted && (forwardedProto === 'http' || forwardedProto === 'https') ? forwardedProto : ownProto,
    host: (peerTrusted ? firstValue(headers['x-forwarded-host']) : undefined) ?? firstValue(headers.host),
  };
}
