// The dead-letter admin routes and depth gauge on a real RabbitMQ and on the in-process bus: list, peek, replay.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, PaymentProcess } from '@techcorp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceAuth } from '../auth/service-auth.ts';
import type { Bus } from '../bus/bus.ts';
import { createMemoryBus } from '../bus/memory-bus.ts';
import { RabbitMqBus } from '../bus/rabbitmq-bus.ts';
import { createLogger } from '../logging.ts';
import { createServiceMetrics } from '../metrics.ts';
import { adminCaller, customerCaller, type InjectRequest, injectAs } from '../testing/identity-headers.ts';
import { waitFor } from '../testing/wait-for.ts';
import { createHttpApp, type HttpApp } from './create-http-app.ts';
import { mountDeadLetters } from './dead-letter.routes.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

const url = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const logger = createLogger('dead-letter-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const SECRET = 'dead-letter-test-gateway-secret-0123456789';
const auth = createServiceAuth({ env: { GATEWAY_IDENTITY_SECRET: SECRET } });

const buses: Record<string, () => Promise<{ bus: Bus; teardown(): Promise<void> }>> = {
  rabbitmq: async () => {
    const id = randomUUID().slice(0, 8);
    const bus = await RabbitMqBus.connect({ url, logger, exchange: `test-dlq-${id}`, queuePrefix: `test-dlq-${id}.` });
    return { bus, teardown: () => bus.closeAndDeleteTopology() };
  },
  memory: async () => {
    const bus = createMemoryBus({ logger });
    return { bus, teardown: () => bus.close() };
  },
};

function paymentCommand(): Envelope {
  const data = {
    orderId: randomUUID(),
    paymentId: randomUUID(),
    customerId: 'c1',
    amount: 1500,
    currency: 'BRL',
    method: 'credit_card',
    cardToken: 'tok_visa',
  };
  return createMessage(PaymentProcess, data, { aggregateId: data.orderId, correlationId: `dlq-${data.orderId}` });
}

describe.each(Object.keys(buses))('dead-letter routes over %s', (kind) => {
  let bus: Bus;
  let teardown: () => Promise<void>;
  let app: HttpApp;
  let healthy = false;
  const seen: string[] = [];
  const asAdmin = (request: InjectRequest) => injectAs(app, SECRET, adminCaller(), request);

  const depths = async () => (await asAdmin({ url: '/admin/dead-letters' })).json();
  const scrapedDepth = async () => {
    const text = (await app.inject({ url: '/metrics' })).body;
    const line = text.split('\n').find((l) => l.startsWith('bus_dead_letter_depth{') && l.includes('queue="work"'));
    return line === undefined ? undefined : Number(line.split(' ').at(-1));
  };

  beforeAll(async () => {
    ({ bus, teardown } = await buses[kind]!());
    const metrics = createServiceMetrics('dlq-test');
    app = createHttpApp({ name: 'dlq-test', logger, metrics });
    await mountDeadLetters({ app, metrics, bus, queues: ['work', 'idle'], auth });
    await bus.subscribe({ queue: 'work', routingKeys: ['payment.process'], retryDelaysMs: [10, 10] }, async (m) => {
      seen.push(m.id);
      if (!healthy) throw new Error('handler bug');
    });
  });
  afterAll(async () => {
    await app?.close();
    await teardown?.();
  });

  it('lists a message that exhausted its retries, counts it on /metrics, and replays it to the fixed handler', async () => {
    const message = paymentCommand();
    await bus.publish(message);
    await waitFor(async () => (await depths()).find((d: { queue: string }) => d.queue === 'work')?.depth === 1);
    expect(await depths()).toEqual([
      { queue: 'work', depth: 1 },
      { queue: 'idle', depth: 0 },
    ]);

    const listed = await asAdmin({ url: '/admin/dead-letters/work' });
    expect(listed.statusCode).toBe(200);
    const [letter, ...others] = listed.json();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ queue: 'work', raw: null, attempts: 3 });
    expect(letter.error).toContain('handler bug');
    expect(letter.envelope).toMatchObject({ id: message.id, type: 'payment.process', data: { amount: 1500 } });
    expect(letter.envelope.data.cardToken).toBe('[redacted]');
    expect(listed.body).not.toContain('tok_visa');
    await waitFor(async () => (await scrapedDepth()) === 1, { description: 'gauge at 1' });

    healthy = true;
    const replay = await asAdmin({ method: 'POST', url: '/admin/dead-letters/work/replay' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ replayed: 1 });
    await waitFor(() => seen.filter((id) => id === message.id).length === 4, { description: 'replayed delivery' });
    await waitFor(async () => (await scrapedDepth()) === 0, { description: 'gauge at 0' });
    expect(await depths()).toEqual([
      { queue: 'work', depth: 0 },
      { queue: 'idle', depth: 0 },
    ]);
  });

  it('shows an undecodable body as raw text with its secrets redacted, and limits the listing', async () => {
    const valid = paymentCommand();
    const invalid: Envelope = { ...valid, data: { ...(valid.data as object), amount: -1 } };
    await bus.publish(invalid); // the consumer rejects it at once: straight to the DLQ
    await bus.publish(invalid);
    await waitFor(async () => (await scrapedDepth()) === 2, { description: 'both invalid bodies dead-lettered' });
    const listed = await asAdmin({ url: '/admin/dead-letters/work?limit=1' });
    const [letter, ...others] = listed.json();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ envelope: null, attempts: 1 });
    expect(letter.error).toMatch(/invalid payment\.process/);
    expect(JSON.parse(letter.raw)).toMatchObject({ id: invalid.id, data: { amount: -1, cardToken: '[redacted]' } });
    const replay = await asAdmin({ method: 'POST', url: '/admin/dead-letters/work/replay?limit=1' });
    expect(replay.json()).toEqual({ replayed: 1 });
  });

  it('is admin-only, knows only its own queues, and answers problems', async () => {
    const anonymous = await app.inject({ url: '/admin/dead-letters' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    const wrongToken = await app.inject({
      method: 'POST',
      url: '/admin/dead-letters/work/replay',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrongToken.statusCode).toBe(401);
    const customer = await injectAs(app, SECRET, customerCaller('c1'), { url: '/admin/dead-letters' });
    expect(customer.statusCode).toBe(403);
    for (const request of [
      { url: '/admin/dead-letters/orders.saga' },
      { method: 'POST' as const, url: '/admin/dead-letters/orders.saga/replay' },
    ]) {
      const foreign = await asAdmin(request);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ type: 'urn:techcorp:problem:not-found', status: 404 });
    }
    const badLimit = await asAdmin({ url: '/admin/dead-letters/work?limit=0' });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json()).toMatchObject({ type: 'urn:techcorp:problem:validation' });
  });
});
