// Memory-bus specifics beyond the shared contract: asynchronous delivery, scaled retries, brokers shared by prefix.
import { describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from '../context.ts';
import { createLogger } from '../logging.ts';
import { waitFor } from '../testing/wait-for.ts';
import { recorder, testMessage } from './bus.fixtures.ts';
import { createBus } from './create-bus.ts';
import { createMemoryBus } from './memory-bus.ts';

const logger = createLogger('memory-bus-test', 'silent');

describe('memory bus', () => {
  it('never runs a handler inside publish, nor in the publisher’s context', async () => {
    const bus = createMemoryBus();
    const seen: unknown[] = [];
    await bus.subscribe({ queue: 'q', routingKeys: ['inventory.reserve'] }, async () => {
      seen.push(currentContext());
    });
    await new Promise((resolve) => setImmediate(resolve)); // let the subscribe-time dispatch pass first
    const context = { correlationId: 'publisher', causationId: null, traceparent: null };
    const published = runWithContext(context, () => bus.publish(testMessage('inventory.reserve')));
    expect(seen).toEqual([]);
    await published;
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([undefined]);
    await bus.close();
  });

  it('uses the real retry delays by default and scales them on request', async () => {
    const bus = createMemoryBus({ retryDelayScale: 0.001 });
    const failing = recorder(() => {
      throw new Error('always');
    });
    await bus.subscribe({ queue: 'q', routingKeys: ['inventory.reserve'] }, failing.handler);
    await bus.publish(testMessage('inventory.reserve'));
    await waitFor(async () => (await bus.deadLetters('q')).length === 1);
    // Default [1000, 5000, 25000]: three retries after the first delivery.
    expect(failing.deliveries.map((d) => d.info.attempt)).toEqual([1, 2, 3, 4]);
    await bus.close();
  });

  it('keeps messages for a declared queue until someone subscribes again', async () => {
    const bus = createMemoryBus();
    const first = await bus.subscribe({ queue: 'q', routingKeys: ['order.confirmed'] }, async () => {});
    await first.close();
    const message = testMessage('order.confirmed');
    await bus.publish(message);
    const later = recorder();
    await bus.subscribe({ queue: 'q', routingKeys: ['order.confirmed'] }, later.handler);
    await waitFor(() => later.has(message.id));
    await bus.close();
  });

  it('createBus shares one broker per queue prefix and drops it with its last handle', async () => {
    const [a, b, other] = await Promise.all([
      createBus({ kind: 'memory', queuePrefix: 'p1.' }, logger),
      createBus({ kind: 'memory', queuePrefix: 'p1.' }, logger),
      createBus({ kind: 'memory', queuePrefix: 'p2.' }, logger),
    ]);
    const [onB, onOther] = [recorder(), recorder()];
    await b.subscribe({ queue: 'q', routingKeys: ['inventory.confirm'] }, onB.handler);
    await other.subscribe({ queue: 'q', routingKeys: ['order.confirmed'] }, onOther.handler);
    const command = testMessage('inventory.confirm');
    await a.publish(command);
    await waitFor(() => onB.has(command.id));
    await other.publish(testMessage('order.confirmed'));
    await waitFor(() => onOther.deliveries.length === 1);
    await a.publish(testMessage('order.confirmed')); // p2's queue is on another broker: an unroutable event
    await Promise.all([a.close(), b.close(), other.close()]);
    const fresh = await createBus({ kind: 'memory', queuePrefix: 'p1.' }, logger);
    await expect(fresh.publish(testMessage('inventory.confirm'))).rejects.toThrow(/unroutable command/);
    await fresh.close();
    expect(onOther.deliveries).toHaveLength(1);
  });
});
