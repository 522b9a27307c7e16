// Image URL rules: the catalog stores links that storefronts and image proxies fetch, so none may aim inside our network.
// URLs are only parsed (WHATWG URL, node:net), never fetched. A public DNS name may still resolve to an internal
// address: whatever fetches the image must check the address it connects to as well.
import { BlockList, isIP } from 'node:net';
import { MAX_IMAGE_URL_LENGTH } from './product.model.ts';

export type ImageUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network, unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64: embeds an IPv4 address
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/** True for addresses in loopback, private, link-local, CGNAT, multicast, unspecified and similar ranges. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family !== 6) return false;
  // BlockList does not look inside IPv4-mapped addresses (::ffff:a.b.c.d, serialised by URL as ::ffff:xxxx:xxxx).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (mapped) {
    const n = (Number.parseInt(mapped[1]!, 16) << 16) | Number.parseInt(mapped[2]!, 16);
    return INTERNAL.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return INTERNAL.check(dotted[1]!, 'ipv4');
  return INTERNAL.check(address, 'ipv6');
}

/** Names that only mean something inside a network: never a public image host. */
const INTERNAL_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa'];

/** Checks one image URL; on success gives it back as URL normalises it (lower-case host, numeric hosts decoded). */
export function checkImageUrl(raw: string): ImageUrlCheck {
  if (raw.length > MAX_IMAGE_URL_LENGTH) return refuse(`must be at most ${MAX_IMAGE_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('must be an http or https URL');
  if (url.username !== '' || url.password !== '') return refuse('must not contain a user name or password');
  if (url.port !== '' && url.port !== '80' && url.port !== '443') return refuse('must use port 80, 443 or none');
  if (url.href.length > MAX_IMAGE_URL_LENGTH) return refuse(`must be at most ${MAX_IMAGE_URL_LENGTH} characters`);

  // URL has already turned 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 into 127.0.0.1, and IPv6 into [canonical].
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0) {
    return refuse(
      isInternalAddress(host)
        ? 'must not point to a loopback, private, link-local or other internal address'
        : 'must name its host by a DNS name, not an IP address',
    );
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (INTERNAL_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`)))
    return refuse('must not point to a local or internal host name');
  if (!name.includes('.') || name.startsWith('.') || name.includes('..'))
    return refuse('must name a fully qualified host (a DNS name with a dot)');
  return { ok: true, url: url.href };
}

const refuse = (message: string): ImageUrlCheck => ({ ok: false, message });
