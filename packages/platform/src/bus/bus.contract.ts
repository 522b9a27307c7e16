// The one behaviour suite every Bus adapter must pass (RabbitMQ and in-process), run by bus.int.test.ts.
import type { Envelope } from '@techcorp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for.ts';
import { gate, recorder, testMessage } from './bus.fixtures.ts';
import { type Bus, type MessageHandler, PermanentMessageError } from './bus.ts';

export interface BusHarness {
  /** A new bus handle on the same broker, exchange and queue prefix as every other handle of this harness. */
  open(): Promise<Bus>;
  /** Publishes a raw body with a routing key, bypassing the envelope (to test what consumers do with garbage). */
  publishRaw(routingKey: string, body: string): Promise<void>;
  /** Closes every handle and deletes what they declared. */
  teardown(): Promise<void>;
}

const FAST = { retryDelaysMs: [50, 100] } as const;

export function busContract(name: string, createHarness: () => Promise<BusHarness>): void {
  describe(`Bus contract: ${name}`, () => {
    let harness: BusHarness;
    let bus: Bus;
    beforeEach(async () => {
      harness = await createHarness();
      bus = await harness.open();
    });
    afterEach(async () => harness.teardown());

    const on = (queue: string, routingKeys: string[], handler: MessageHandler, extra = {}) =>
      bus.subscribe({ queue, routingKeys, ...FAST, ...extra }, handler);
    const publishAll = async (messages: Envelope[]) => {
      for (const message of messages) await bus.publish(message);
    };

    it('delivers a private copy to every bound queue and nothing to the others', async () => {
      const [a, b, c] = [recorder(), recorder(), recorder()];
      await on('a', ['inventory.reserve'], a.handler);
      await on('b', ['inventory.reserve'], b.handler);
      await on('c', ['order.confirmed'], c.handler);
      const reserve = testMessage('inventory.reserve');
      const sentinel = testMessage('order.confirmed');
      await publishAll([reserve, sentinel]);
      await waitFor(() => a.has(reserve.id) && b.has(reserve.id) && c.has(sentinel.id));
      expect(c.ids()).toEqual([sentinel.id]);
      expect(a.deliveries[0]!.message).toEqual(reserve);
      expect(a.deliveries[0]!.message).not.toBe(b.deliveries[0]!.message);
      expect(a.deliveries[0]!.message.data).not.toBe(reserve.data);
      expect(a.deliveries[0]!.info).toEqual({ attempt: 1, queue: 'a' });
    });

    it('routes topic wildcards as AMQP does', async () => {
      const [inv, failed, orders] = [recorder(), recorder(), recorder()];
      await on('inv', ['inventory.*'], inv.handler);
      await on('failed', ['#.failed'], failed.handler);
      await on('orders', ['order.#'], orders.handler);
      const types = ['inventory.reserved', 'inventory.reserve', 'payment.failed', 'order.failed', 'order.confirmed'];
      await publishAll(types.map(testMessage));
      await bus.publish(testMessage('product.updated')); // bound nowhere: an event, so it resolves
      // One last message per queue: once it arrived, everything routed there before it has too (FIFO).
      const last = [testMessage('inventory.released'), testMessage('payment.failed'), testMessage('order.cancelled')];
      await publishAll(last);
      await waitFor(() => inv.has(last[0]!.id) && failed.has(last[1]!.id) && orders.has(last[2]!.id));
      expect(inv.types()).toEqual(['inventory.reserved', 'inventory.reserve', 'inventory.released']);
      expect(failed.types()).toEqual(['payment.failed', 'order.failed', 'payment.failed']);
      expect(orders.types()).toEqual(['order.failed', 'order.confirmed', 'order.cancelled']);
    });

    it('lets subscribers on one queue (also on other handles) compete: disjoint shares, nothing missing', async () => {
      const other = await harness.open();
      const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
      const [first, second] = [recorder(slow), recorder(slow)];
      await on('work', ['inventory.reserve'], first.handler, { prefetch: 1 });
      await other.subscribe(
        { queue: 'work', routingKeys: ['inventory.reserve'], prefetch: 1, ...FAST },
        second.handler,
      );
      const messages = Array.from({ length: 20 }, () => testMessage('inventory.reserve'));
      await publishAll(messages);
      await waitFor(() => first.deliveries.length + second.deliveries.length >= messages.length);
      const [mine, theirs] = [new Set(first.ids()), new Set(second.ids())];
      expect(mine.size).toBeGreaterThan(0);
      expect(theirs.size).toBeGreaterThan(0);
      expect([...mine].filter((id) => theirs.has(id))).toEqual([]);
      expect(new Set([...mine, ...theirs])).toEqual(new Set(messages.map((m) => m.id)));
    });

    it('keeps at most prefetch messages in flight per subscriber', async () => {
      const release = gate();
      const held = () => release.promise;
      const [first, second] = [recorder(held), recorder(held)];
      await on('limited', ['inventory.reserve'], first.handler, { prefetch: 2 });
      await publishAll(Array.from({ length: 5 }, () => testMessage('inventory.reserve')));
      await waitFor(() => first.deliveries.length === 2);
      // A second subscriber takes the other three only if the first really stopped at two.
      await on('limited', ['inventory.reserve'], second.handler, { prefetch: 3 });
      await waitFor(() => second.deliveries.length === 3);
      expect(first.deliveries.length).toBe(2);
      release.open();
    });

    it('redelivers a failed message (at least once), counting the attempt', async () => {
      const flaky = recorder((_m, info) => {
        if (info.attempt === 1) throw new Error('transient');
      });
      await on('flaky', ['inventory.reserve'], flaky.handler);
      const message = testMessage('inventory.reserve');
      await bus.publish(message);
      await waitFor(() => flaky.deliveries.length === 2);
      expect(flaky.deliveries.map((d) => [d.message.id, d.info.attempt])).toEqual([
        [message.id, 1],
        [message.id, 2],
      ]);
    });

    it('dead-letters after the last retry, lists it with its error, and replays it', async () => {
      let healthy = false;
      const handler = recorder(() => {
        if (!healthy) throw new Error('boom');
      });
      await on('dlq', ['inventory.reserve'], handler.handler);
      const message = testMessage('inventory.reserve');
      await bus.publish(message);
      await waitFor(async () => (await bus.deadLetterDepth('dlq')) === 1);
      expect(handler.deliveries.map((d) => d.info.attempt)).toEqual([1, 2, 3]);
      const [letter] = await bus.deadLetters('dlq');
      expect(letter).toMatchObject({ queue: 'dlq', envelope: message, attempts: 3 });
      expect(letter!.error).toContain('boom');
      expect(await bus.deadLetters('dlq')).toHaveLength(1); // peeking does not remove
      healthy = true;
      expect(await bus.replayDeadLetters('dlq')).toBe(1);
      await waitFor(() => handler.deliveries.length === 4);
      expect(handler.deliveries[3]!.info.attempt).toBe(1);
      expect(await bus.deadLetters('dlq')).toEqual([]);
      expect(await bus.deadLetterDepth('dlq')).toBe(0);
    });

    it('peeks dead letters in order, as often as asked', async () => {
      await on('order', ['inventory.reserve'], async () => {
        throw new PermanentMessageError('never');
      });
      const messages = Array.from({ length: 3 }, () => testMessage('inventory.reserve'));
      await publishAll(messages);
      await waitFor(async () => (await bus.deadLetters('order')).length === 3);
      const ids = messages.map((m) => m.id);
      expect((await bus.deadLetters('order')).map((l) => l.envelope?.id)).toEqual(ids);
      expect((await bus.deadLetters('order', 2)).map((l) => l.envelope?.id)).toEqual(ids.slice(0, 2));
      expect((await bus.deadLetters('order')).map((l) => l.envelope?.id)).toEqual(ids);
      // A peek hands its messages back asynchronously (RabbitMQ), so the count may lag a moment behind it.
      await waitFor(async () => (await bus.deadLetterDepth('order')) === 3);
    });

    it('sends a PermanentMessageError straight to the DLQ without retries', async () => {
      const handler = recorder(() => {
        throw new PermanentMessageError('cannot ever work');
      });
      await on('perm', ['inventory.reserve'], handler.handler);
      await bus.publish(testMessage('inventory.reserve'));
      await waitFor(async () => (await bus.deadLetters('perm')).length === 1);
      const [letter] = await bus.deadLetters('perm');
      expect(letter).toMatchObject({ attempts: 1 });
      expect(letter!.error).toContain('cannot ever work');
      expect(handler.deliveries).toHaveLength(1);
    });

    it('dead-letters invalid JSON and invalid envelopes without calling the handler', async () => {
      const handler = recorder();
      await on('junk', ['inventory.reserve'], handler.handler);
      await harness.publishRaw('inventory.reserve', '{not json');
      const invalid = { ...testMessage('inventory.reserve'), data: { orderId: 'nope' } };
      await bus.publish(invalid);
      await waitFor(async () => (await bus.deadLetters('junk')).length === 2);
      const [garbage, wrong] = await bus.deadLetters('junk');
      expect(garbage).toMatchObject({ envelope: null, raw: '{not json', attempts: 1 });
      expect(garbage!.error).toMatch(/invalid JSON/);
      expect(wrong!.envelope).toBeNull();
      expect(JSON.parse(wrong!.raw)).toEqual(invalid);
      expect(wrong!.error).toMatch(/invalid inventory\.reserve/);
      expect(handler.deliveries).toEqual([]);
    });

    it('keeps a confirmed message when the publisher closes right after publish resolves', async () => {
      const declare = await on('kept', ['inventory.reserve'], async () => {});
      await declare.close();
      const publisher = await harness.open();
      const messages = Array.from({ length: 5 }, () => testMessage('inventory.reserve'));
      for (const message of messages) await publisher.publish(message);
      await publisher.close();
      const consumer = recorder();
      await on('kept', ['inventory.reserve'], consumer.handler);
      await waitFor(() => consumer.deliveries.length === messages.length);
      expect(consumer.ids()).toEqual(messages.map((m) => m.id));
    });

    it('rejects an unroutable command, resolves an unroutable event', async () => {
      await expect(bus.publish(testMessage('inventory.confirm'))).rejects.toThrow(/unroutable command/);
      await expect(bus.publish(testMessage('order.confirmed'))).resolves.toBeUndefined();
      const handler = recorder();
      await on('commands', ['inventory.confirm'], handler.handler);
      const routed = testMessage('inventory.confirm');
      await expect(bus.publish(routed)).resolves.toBeUndefined();
      await waitFor(() => handler.has(routed.id));
    });

    it('waits for in-flight handlers on close', async () => {
      const release = gate();
      let finished = false;
      const handler = recorder(async () => {
        await release.promise;
        finished = true;
      });
      await on('closing', ['inventory.reserve'], handler.handler);
      await bus.publish(testMessage('inventory.reserve'));
      await waitFor(() => handler.deliveries.length === 1);
      setTimeout(release.open, 50);
      await bus.close();
      expect(finished).toBe(true);
    });

    it('counts dead letters per queue without touching the others', async () => {
      await on('healthy', ['inventory.reserve'], async () => {});
      await on('poisoned', ['inventory.reserve'], async () => {
        throw new PermanentMessageError('never');
      });
      await publishAll([testMessage('inventory.reserve'), testMessage('inventory.reserve')]);
      await waitFor(async () => (await bus.deadLetterDepth('poisoned')) === 2);
      expect(await bus.deadLetterDepth('healthy')).toBe(0);
      expect(await bus.deadLetterDepth('poisoned')).toBe(2); // counting removes nothing
      expect((await bus.deadLetters('poisoned')).map((l) => l.attempts)).toEqual([1, 1]);
    });

    it('has no dead letters for a queue nobody declared', async () => {
      expect(await bus.deadLetters('nobody')).toEqual([]);
      expect(await bus.replayDeadLetters('nobody')).toBe(0);
      expect(await bus.deadLetterDepth('nobody')).toBe(0);
    });
  });
}
