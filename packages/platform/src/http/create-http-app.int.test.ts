// createHttpApp over a real socket: the request context survives body streaming (inject() does not stream).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './test-app.ts';

describe('createHttpApp on a listening socket', () => {
  const { app, seen, lines } = buildTestApp();
  let base: string;

  beforeAll(async () => {
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('runs a handler whose body arrived in chunks inside the caller correlation id', async () => {
    const body = JSON.stringify({ items: [{ productId: 'p'.repeat(2000), quantity: 4 }] });
    const chunks = [body.slice(0, 1000), body.slice(1000)];
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else {
          await new Promise((resolve) => setTimeout(resolve, 5));
          controller.enqueue(new TextEncoder().encode(next));
        }
      },
    });
    const res = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'socket-corr-1' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe('socket-corr-1');
    expect(seen.context?.correlationId).toBe('socket-corr-1');
    expect(lines.find((l) => l.msg === 'order accepted')?.correlationId).toBe('socket-corr-1');
  });

  it('answers a body whose declared length exceeds the limit with 413 problem+json', async () => {
    const res = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { status: number }).status).toBe(413);
  });
});
