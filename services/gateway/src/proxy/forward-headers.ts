// What crosses the gateway in each direction: client headers minus hop-by-hop and gateway-only ones, plus our own.
import type { IncomingHttpHeaders } from 'node:http';
import { GATEWAY_ONLY_HEADERS } from '@techcorp/platform';

/** RFC 9110 §7.6.1 connection-specific headers, plus the non-standard ones proxies still meet. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/**
 * Never forwarded as the client sent them: the gateway sets them (context, tracing, forwarding), or they describe the
 * client's connection to us (host, content-length, expect), or they could fake a rewritten URL to a framework.
 */
const DROPPED_FROM_CLIENT = new Set([
  ...HOP_BY_HOP,
  ...GATEWAY_ONLY_HEADERS,
  'host',
  'content-length',
  'expect',
  'x-forwarded-port',
  'x-forwarded-prefix',
  'x-original-url',
  'x-rewrite-url',
]);

const DROPPED_FROM_UPSTREAM = new Set([...HOP_BY_HOP, 'x-correlation-id']);

type Headers = Record<string, string | string[] | undefined>;

/** Header names the Connection header declares hop-by-hop for this message. */
function connectionListed(headers: Headers): Set<string> {
  const value = headers.connection;
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    joined
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  );
}

export interface UpstreamRequestHeaders {
  /** Keep the client's Authorization (only the OAuth token endpoint needs it). */
  keepAuthorization: boolean;
  /** Headers the gateway adds: correlation id, traceparent, x-forwarded-*, the signed context. */
  added: Record<string, string>;
}

export function upstreamRequestHeaders(client: IncomingHttpHeaders, options: UpstreamRequestHeaders): Headers {
  const listed = connectionListed(client);
  const headers: Headers = {};
  for (const [name, value] of Object.entries(client)) {
    if (value === undefined || DROPPED_FROM_CLIENT.has(name) || listed.has(name)) continue;
    if (name === 'authorization' && !options.keepAuthorization) continue;
    headers[name] = value;
  }
  return { ...headers, ...options.added };
}

export function clientResponseHeaders(upstream: IncomingHttpHeaders): Headers {
  const listed = connectionListed(upstream);
  const headers: Headers = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || DROPPED_FROM_UPSTREAM.has(name) || listed.has(name)) continue;
    headers[name] = value;
  }
  return headers;
}
