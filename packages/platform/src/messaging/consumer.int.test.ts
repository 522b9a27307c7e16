// The transactional consumer on PGlite and the memory bus: inbox de-duplication and rollback of failed handlers.
import type { Envelope } from '@techcorp/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gate, testMessage } from '../bus/bus.fixtures.ts';
import type { Bus, MessageHandler } from '../bus/bus.ts';
import { createMemoryBus } from '../bus/memory-bus.ts';
import { currentContext, type RequestContext } from '../context.ts';
import { createLogger } from '../logging.ts';
import { createSql } from '../sql/create-sql.ts';
import { runMigrations } from '../sql/migrate.ts';
import type { Sql } from '../sql/sql.ts';
import { waitFor } from '../testing/wait-for.ts';
import { countEffects, countInbox, effectsMigration, insertEffect, resetTables } from './consumer.fixtures.sql.ts';
import { startConsumer } from './consumer.ts';
import type { OutboxRelay, TransactionalHandler } from './messaging.ts';

const logger = createLogger('consumer-test', 'silent');
const CONSUMER = 'inventory.commands';

/** Wraps a bus so the test sees each delivery's outcome and can hold retries back until it has looked. */
function observedBus(bus: Bus) {
  const outcomes: ('ok' | 'failed')[] = [];
  const retries = gate();
  const observed: Bus = {
    publish: (message) => bus.publish(message),
    subscribe: (options, handler) => {
      const wrapped: MessageHandler = async (message, info) => {
        if (info.attempt > 1) await retries.promise;
        try {
          await handler(message, info);
          outcomes.push('ok');
        } catch (error) {
          outcomes.push('failed');
          throw error;
        }
      };
      return bus.subscribe(options, wrapped);
    },
    deadLetters: (queue, limit) => bus.deadLetters(queue, limit),
    replayDeadLetters: (queue, limit) => bus.replayDeadLetters(queue, limit),
    deadLetterDepth: (queue) => bus.deadLetterDepth(queue),
    close: () => bus.close(),
  };
  return { bus: observed, outcomes, releaseRetries: retries.open };
}

describe('startConsumer', () => {
  let sql: Sql;
  let memory: Bus;
  let nudges: number;
  const relay: OutboxRelay = { nudge: () => nudges++, drain: async () => 0, stop: async () => {} };

  beforeAll(async () => {
    sql = await createSql({ kind: 'pglite', schema: 'consumer_test' });
    await runMigrations(sql, [effectsMigration]);
  });
  afterAll(async () => sql.close());
  beforeEach(async () => {
    await resetTables(sql);
    memory = createMemoryBus({ logger });
    nudges = 0;
  });
  afterEach(async () => memory.close());

  const start = (bus: Bus, handler: TransactionalHandler) =>
    startConsumer({
      sql,
      bus,
      logger,
      consumer: CONSUMER,
      queue: CONSUMER,
      handlers: { 'inventory.reserve': handler },
      relay,
      retryDelaysMs: [10],
    });

  it('commits the effect with the inbox row, in the message’s context, then nudges the relay', async () => {
    const contexts: (RequestContext | undefined)[] = [];
    await start(memory, async (tx, message) => {
      contexts.push(currentContext());
      await insertEffect(tx, message.id, 'reserved');
    });
    const message = { ...testMessage('inventory.reserve'), traceparent: '00-abc-def-01' };
    await memory.publish(message);
    await waitFor(() => nudges === 1);
    expect(await countEffects(sql)).toBe(1);
    expect(await countInbox(sql, CONSUMER)).toBe(1);
    expect(contexts).toEqual([
      { correlationId: message.correlationId, causationId: message.id, traceparent: '00-abc-def-01' },
    ]);
  });

  it('changes nothing when the same message is delivered again', async () => {
    const { bus, outcomes } = observedBus(memory);
    const handled: Envelope[] = [];
    await start(bus, async (tx, message) => {
      handled.push(message);
      await insertEffect(tx, message.id, 'reserved');
    });
    const message = testMessage('inventory.reserve');
    await bus.publish(message);
    await bus.publish(message); // the same id: what a redelivery or a re-sent outbox row looks like
    await waitFor(() => outcomes.length === 2);
    expect(outcomes).toEqual(['ok', 'ok']);
    expect(handled).toHaveLength(1);
    expect(await countEffects(sql)).toBe(1);
    expect(await countInbox(sql, CONSUMER)).toBe(1);
    expect(nudges).toBe(1);
  });

  it('rolls back the inbox row and the effect of a throwing handler, then succeeds on retry', async () => {
    const { bus, outcomes, releaseRetries } = observedBus(memory);
    let calls = 0;
    await start(bus, async (tx, message) => {
      calls++;
      await insertEffect(tx, message.id, `call ${calls}`);
      if (calls === 1) throw new Error('database hiccup');
    });
    await bus.publish(testMessage('inventory.reserve'));
    await waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual(['failed']);
    expect(await countEffects(sql)).toBe(0);
    expect(await countInbox(sql, CONSUMER)).toBe(0);
    expect(nudges).toBe(0);

    releaseRetries();
    await waitFor(() => outcomes.length === 2);
    expect(outcomes).toEqual(['failed', 'ok']);
    expect(await countEffects(sql)).toBe(1);
    expect(await countInbox(sql, CONSUMER)).toBe(1);
    expect(nudges).toBe(1);
  });

  it('binds the queue to the handler types and dispatches wildcard handlers', async () => {
    const types: string[] = [];
    await startConsumer({
      sql,
      bus: memory,
      logger,
      consumer: 'listener',
      queue: 'listener',
      handlers: { 'order.confirmed': async (_tx, m) => void types.push(`exact ${m.type}`) },
    });
    await startConsumer({
      sql,
      bus: memory,
      logger,
      consumer: 'failures',
      queue: 'failures',
      handlers: { '#.failed': async (_tx, m) => void types.push(`pattern ${m.type}`) },
    });
    for (const type of ['order.confirmed', 'payment.failed', 'order.cancelled'])
      await memory.publish(testMessage(type));
    await waitFor(() => types.length === 2);
    expect(types.sort()).toEqual(['exact order.confirmed', 'pattern payment.failed']);
  });
});
