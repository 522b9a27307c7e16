// createTestInfra on real servers and embedded: working adapters, and close() leaves nothing behind.
import { createMessage, type Envelope, ProductUpdated } from '@techcorp/contracts';
import { connect } from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestInfra, type TestInfra } from './test-infra.ts';
import { waitFor } from './wait-for.ts';

const rabbitUrl = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminDbUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function probeMessage(): Envelope {
  const data = { productId: crypto.randomUUID(), changes: ['title'], updatedAt: new Date().toISOString() };
  return createMessage(ProductUpdated, data, { aggregateId: data.productId, correlationId: 'corr-1' });
}

const KEY = `probe-${crypto.randomUUID()}`;

/** Exercises sql (platform tables migrated, in the schema), bus (a round trip) and kv. */
async function exercise(infra: TestInfra, schema: string): Promise<void> {
  const { rows } = await infra.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  expect(rows[0]?.n).toBe(0);
  expect(infra.sql.schema).toBe(schema);
  const received: string[] = [];
  const sub = await infra.bus.subscribe({ queue: 'probe', routingKeys: [ProductUpdated.type] }, async (m) => {
    received.push(m.id);
  });
  const sent = probeMessage();
  await infra.bus.publish(sent);
  await waitFor(() => received.includes(sent.id), { description: 'the probe message' });
  await sub.close();
  await infra.kv.set(KEY, 'v');
  expect(await infra.kv.get(KEY)).toBe('v');
  expect(infra.env.ADMIN_API_TOKEN).toMatch(/^test-admin-/);
}

describe('createTestInfra (real servers)', () => {
  it('opens Postgres, RabbitMQ and Redis in isolation and removes database, queues and keys on close', async () => {
    const infra = await createTestInfra({ schema: 'order-query' });
    await exercise(infra, 'order_query');
    const database = new URL(infra.env.DATABASE_URL ?? '').pathname.slice(1);
    expect(database).toMatch(/^tc_test_/);
    expect(infra.env.RABBITMQ_URL).toBe(rabbitUrl);
    await infra.close();

    const admin = new pg.Client({ connectionString: adminDbUrl });
    await admin.connect();
    const dbs = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    await admin.end();
    expect(dbs.rowCount).toBe(0);

    const redis = new Redis(redisUrl);
    const left: string[] = [];
    for await (const keys of redis.scanStream({ match: `*${KEY}`, count: 1000 }) as AsyncIterable<string[]>) {
      left.push(...keys);
    }
    await redis.quit();
    expect(left).toEqual([]);

    // The subscription declared a queue named after the harness's unique prefix; it must be gone.
    const model = await connect(rabbitUrl);
    const gone = await queueMissing(model, (infra.bus as unknown as { exchange: string }).exchange);
    await model.close();
    expect(gone).toBe(true);
  });
});

async function queueMissing(model: Awaited<ReturnType<typeof connect>>, exchange: string): Promise<boolean> {
  const channel = await model.createChannel();
  channel.on('error', () => {});
  try {
    await channel.checkQueue(`${exchange}.probe`);
    await channel.close();
    return false;
  } catch {
    return true;
  }
}

describe('createTestInfra (embedded)', () => {
  it('gives working in-memory adapters with the same interface', async () => {
    const infra = await createTestInfra({ schema: 'catalog', embedded: true });
    try {
      await exercise(infra, 'products');
      expect(infra.sql.dialect).toBe('pglite');
      expect(infra.env.DATABASE_URL).toBeUndefined();
    } finally {
      await infra.close();
    }
  });
});
