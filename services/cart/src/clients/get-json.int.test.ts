// The upstream GET against a real local HTTP server: what is retried, what is final, and what a customer then sees.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGetJson, UpstreamRefusal } from './upstream.ts';

let server: Server;
let base: string;
/** What the next requests get: a status and body, or no answer at all. */
let reply: { status: number; body?: unknown } | 'hang';
let requests: number;

beforeAll(async () => {
  server = createServer((_, res) => {
    requests++;
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = 0;
});

const get = createGetJson('the catalog', 200);

describe('a GET to an upstream', () => {
  it('returns the JSON body of a 200 after one request', async () => {
    reply = { status: 200, body: { items: [1, 2] } };
    expect(await get(`${base}/x`)).toEqual({ status: 200, body: { items: [1, 2] } });
    expect(requests).toBe(1);
  });

  it('reads 404 as "not there", not as a failure', async () => {
    reply = { status: 404 };
    expect(await get(`${base}/x`)).toEqual({ status: 404, body: null });
    expect(requests).toBe(1);
  });

  it('takes any other 4xx as final: no retry, and a 503 naming the service', async () => {
    reply = { status: 422 };
    const error = await get(`${base}/x`).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('the catalog') });
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(UpstreamRefusal);
    expect(requests).toBe(1);
  });

  it('retries a 5xx once, then answers 503', async () => {
    reply = { status: 500 };
    await expect(get(`${base}/x`)).rejects.toMatchObject({ status: 503 });
    expect(requests).toBe(2);
  });

  it('gives up on an upstream that never answers after the timeout and one retry', async () => {
    reply = 'hang';
    await expect(get(`${base}/x`)).rejects.toMatchObject({ status: 503 });
    expect(requests).toBe(2);
  });

  it('answers 503 when nothing listens', async () => {
    await expect(get('http://127.0.0.1:9/x')).rejects.toMatchObject({ status: 503 });
  });
});
