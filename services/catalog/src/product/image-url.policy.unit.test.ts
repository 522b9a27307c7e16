// Specifications of the image URL rules: public http(s) DNS names pass; every way of aiming inside the network fails.
import { describe, expect, it } from 'vitest';
import { checkImageUrl, isInternalAddress } from './image-url.policy.ts';

describe('given an image URL on a public host', () => {
  const good: [string, string][] = [
    ['https://cdn.example.com/products/shoe.jpg', 'https://cdn.example.com/products/shoe.jpg'],
    ['http://images.techcorp.com.br/a.png?w=200&h=200', 'http://images.techcorp.com.br/a.png?w=200&h=200'],
    ['https://CDN.Example.COM/A.jpg', 'https://cdn.example.com/A.jpg'],
    ['https://cdn.example.com:443/a.jpg', 'https://cdn.example.com/a.jpg'],
    ['http://cdn.example.com:80/a.jpg', 'http://cdn.example.com/a.jpg'],
    ['https://cdn.example.com:80/a.jpg', 'https://cdn.example.com:80/a.jpg'],
    ['https://cdn.example.com/a b.jpg', 'https://cdn.example.com/a%20b.jpg'],
    ['https://bücher.example/cover.jpg', 'https://xn--bcher-kva.example/cover.jpg'],
    ['https://cdn.example.com./a.jpg', 'https://cdn.example.com./a.jpg'],
    ['https://127-0-0-1.example.com/a.jpg', 'https://127-0-0-1.example.com/a.jpg'],
  ];

  it.each(good)('%s is accepted, as %s', (raw, normalised) => {
    expect(checkImageUrl(raw)).toEqual({ ok: true, url: normalised });
  });
});

describe('given an image URL aiming somewhere it must not', () => {
  const internal = /internal address/;
  const bad: [string, string, RegExp][] = [
    ['not a url', 'relative or garbage', /valid absolute URL/],
    ['/images/a.jpg', 'a relative path', /valid absolute URL/],
    ['ftp://cdn.example.com/a.jpg', 'ftp', /http or https/],
    ['file:///etc/passwd', 'a local file', /http or https/],
    ['javascript:alert(1)', 'script', /http or https/],
    ['data:image/png;base64,AAAA', 'inline data', /http or https/],
    ['gopher://cdn.example.com/', 'gopher', /http or https/],
    ['https://user:secret@cdn.example.com/a.jpg', 'userinfo', /user name or password/],
    ['https://user@cdn.example.com/a.jpg', 'a user name alone', /user name or password/],
    ['https://cdn.example.com:8080/a.jpg', 'another port', /port/],
    ['https://cdn.example.com:22/a.jpg', 'the ssh port', /port/],
    [`https://cdn.example.com/${'a'.repeat(2030)}`, 'too long', /at most 2048/],
    ['http://127.0.0.1/a.jpg', 'loopback', internal],
    ['http://127.1/a.jpg', 'loopback, short form', internal],
    ['http://2130706433/a.jpg', 'loopback, decimal', internal],
    ['http://0x7f.1/a.jpg', 'loopback, hex', internal],
    ['http://0x7f000001/a.jpg', 'loopback, one hex number', internal],
    ['http://0177.0.0.1/a.jpg', 'loopback, octal', internal],
    ['http://%31%32%37.0.0.1/a.jpg', 'loopback, percent-encoded', internal],
    ['http://0.0.0.0/a.jpg', 'unspecified', internal],
    ['http://0/a.jpg', 'unspecified, decimal', internal],
    ['http://10.0.0.5/a.jpg', 'private 10/8', internal],
    ['http://172.16.3.4/a.jpg', 'private 172.16/12', internal],
    ['http://192.168.1.1/a.jpg', 'private 192.168/16', internal],
    ['http://3232235777/a.jpg', 'private, decimal', internal],
    ['http://169.254.169.254/latest/meta-data/', 'link-local cloud metadata', internal],
    ['http://100.64.0.1/a.jpg', 'CGNAT', internal],
    ['http://224.0.0.1/a.jpg', 'multicast', internal],
    ['http://255.255.255.255/a.jpg', 'broadcast', internal],
    ['http://[::1]/a.jpg', 'IPv6 loopback', internal],
    ['http://[::]/a.jpg', 'IPv6 unspecified', internal],
    ['http://[fc00::1]/a.jpg', 'IPv6 unique local fc00::/7', internal],
    ['http://[fd12:3456::1]/a.jpg', 'IPv6 unique local fd', internal],
    ['http://[fe80::1]/a.jpg', 'IPv6 link-local', internal],
    ['http://[ff02::1]/a.jpg', 'IPv6 multicast', internal],
    ['http://[::ffff:127.0.0.1]/a.jpg', 'IPv4-mapped loopback', internal],
    ['http://[::ffff:7f00:1]/a.jpg', 'IPv4-mapped loopback, hex', internal],
    ['http://[::ffff:169.254.169.254]/a.jpg', 'IPv4-mapped metadata', internal],
    ['http://[::ffff:10.1.2.3]/a.jpg', 'IPv4-mapped private', internal],
    ['http://[64:ff9b::7f00:1]/a.jpg', 'NAT64 of loopback', internal],
    ['http://93.184.216.34/a.jpg', 'a public IPv4 literal', /DNS name, not an IP address/],
    ['http://[2606:4700::1111]/a.jpg', 'a public IPv6 literal', /DNS name, not an IP address/],
    ['http://localhost/a.jpg', 'localhost', /local or internal host name/],
    ['http://LOCALHOST./a.jpg', 'localhost with a trailing dot', /local or internal host name/],
    ['http://cdn.localhost/a.jpg', 'a *.localhost name', /local or internal host name/],
    ['http://printer.local/a.jpg', 'mDNS *.local', /local or internal host name/],
    ['http://db.internal/a.jpg', 'a *.internal name', /local or internal host name/],
    ['http://metadata.google.internal/computeMetadata/v1/', 'GCP metadata', /local or internal host name/],
    ['http://nas.home.arpa/a.jpg', 'home.arpa', /local or internal host name/],
    ['http://intranet/a.jpg', 'a single-label host', /fully qualified/],
    ['http://cdn/a.jpg', 'another single-label host', /fully qualified/],
  ];

  it.each(bad)('%s (%s) is refused', (raw, _what, message) => {
    const check = checkImageUrl(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

describe('given an IP address', () => {
  it('names internal ranges as internal and public ones as not', () => {
    for (const ip of ['127.0.0.1', '10.1.1.1', '100.127.255.255', '169.254.0.1', '::1', 'fe80::1', '::ffff:a00:1'])
      expect(isInternalAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '100.128.0.1', '172.32.0.1', '2606:4700::1111', '::ffff:808:808', 'example.com'])
      expect(isInternalAddress(ip), ip).toBe(false);
  });
});
