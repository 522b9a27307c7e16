// Header hygiene in both directions: hop-by-hop, gateway-only and Authorization never cross as the client sent them.
import { describe, expect, it } from 'vitest';
import { clientResponseHeaders, upstreamRequestHeaders } from './forward-headers.ts';
import { failureKind } from './upstream-errors.ts';

describe('upstreamRequestHeaders', () => {
  const client = {
    host: 'api.example.com',
    connection: 'keep-alive, x-private-hop',
    'x-private-hop': 'secret',
    'keep-alive': 'timeout=5',
    te: 'trailers',
    upgrade: 'websocket',
    'transfer-encoding': 'chunked',
    'content-length': '12',
    expect: '100-continue',
    'proxy-authorization': 'Basic Zm9vOmJhcg==',
    authorization: 'Bearer abc',
    'x-user-id': 'mallory',
    'x-user-roles': 'ADMIN',
    'x-session-id': 's',
    'x-client-ip': '1.2.3.4',
    'x-identity-signature': 't=1,v1=x',
    'x-correlation-id': 'mine',
    traceparent: '00-aa-bb-01',
    tracestate: 'x=y',
    'x-forwarded-for': '1.2.3.4',
    'x-forwarded-host': 'evil',
    'x-forwarded-proto': 'https',
    'x-forwarded-port': '443',
    'x-real-ip': '1.2.3.4',
    forwarded: 'for=1.2.3.4',
    'x-original-url': '/admin',
    'content-type': 'application/json',
    accept: 'application/json',
    'idempotency-key': 'k-1',
    prefer: 'wait=5',
    'if-match': '"3"',
  };

  it('keeps end-to-end headers and drops everything else the client sent', () => {
    const headers = upstreamRequestHeaders(client, { keepAuthorization: false, added: {} });
    expect(headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': 'k-1',
      prefer: 'wait=5',
      'if-match': '"3"',
    });
  });

  it('keeps Authorization only when asked, and lets the gateway set its own headers', () => {
    const headers = upstreamRequestHeaders(client, {
      keepAuthorization: true,
      added: { 'x-correlation-id': 'ours', 'x-forwarded-for': '127.0.0.1' },
    });
    expect(headers.authorization).toBe('Bearer abc');
    expect(headers['x-correlation-id']).toBe('ours');
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['proxy-authorization']).toBeUndefined();
  });
});

describe('clientResponseHeaders', () => {
  it('drops hop-by-hop headers and the upstream correlation id, keeps the rest', () => {
    const headers = clientResponseHeaders({
      connection: 'close, x-hop',
      'x-hop': '1',
      'transfer-encoding': 'chunked',
      'keep-alive': 'timeout=72',
      'x-correlation-id': 'upstream-id',
      'content-type': 'application/json',
      'content-length': '10',
      location: '/api/orders/1',
      etag: '"2"',
      'set-cookie': ['a=1', 'b=2'],
    });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'content-length': '10',
      location: '/api/orders/1',
      etag: '"2"',
      'set-cookie': ['a=1', 'b=2'],
    });
  });
});

describe('failureKind', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    [coded('ECONNREFUSED'), 'connect'],
    [coded('UND_ERR_CONNECT_TIMEOUT'), 'connect'],
    [new AggregateError([coded('ECONNREFUSED')]), 'connect'],
    [coded('ECONNRESET'), 'socket'],
    [coded('UND_ERR_SOCKET'), 'socket'],
    [coded('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [coded('UND_ERR_ABORTED'), 'aborted'],
    [new Error('boom'), 'other'],
  ])('%s is %s', (error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });
});
