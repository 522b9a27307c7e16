// Outbox + relay on both SQL adapters: committed rows published once and in order, failures retried, nothing lost.
import { randomBytes, randomUUID } from 'node:crypto';
import { createMessage, type Envelope, InventoryConfirmed } from '@techcorp/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '../bus/bus.ts';
import { createBus } from '../bus/create-bus.ts';
import { createLogger } from '../logging.ts';
import { runMigrations } from '../sql/migrate.ts';
import type { Sql } from '../sql/sql.ts';
import { type SqlTarget, sqlTargets } from '../testing/databases.ts';
import { waitFor } from '../testing/wait-for.ts';
import type { OutboxRelay } from './messaging.ts';
import { enqueueOutbox, pendingOutboxCount, purgePublishedOutbox } from './outbox.sql.ts';
import { startOutboxRelay } from './outbox-relay.ts';

const logger = createLogger('outbox-test', 'silent');
const rabbitUrl = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

const message = (n: number): Envelope =>
  createMessage(
    InventoryConfirmed,
    { orderId: randomUUID(), reservationId: randomUUID() },
    { aggregateId: randomUUID(), correlationId: `corr-${n}` },
  );

/** A Bus that records what it is asked to publish; `fails` decides per call whether the broker refuses. */
function recordingBus(fails: (message: Envelope, call: number) => boolean = () => false) {
  const published: Envelope[] = [];
  let calls = 0;
  const unused = () => Promise.reject(new Error('not used by the relay'));
  const bus: Bus = {
    async publish(envelope) {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve)); // let concurrent relays interleave
      if (fails(envelope, calls)) throw new Error('broker refused the message');
      published.push(envelope);
    },
    subscribe: unused,
    deadLetters: unused,
    replayDeadLetters: unused,
    deadLetterDepth: unused,
    close: async () => undefined,
  };
  return { bus, published, ids: () => published.map((m) => m.id) };
}

for (const [kind, createTarget] of Object.entries(sqlTargets)) {
  describe(`outbox relay on ${kind}`, () => {
    let target: SqlTarget;
    const handles: Sql[] = [];
    const relays: OutboxRelay[] = [];
    const open = async (schema = `outbox_${randomBytes(5).toString('hex')}`) => {
      const sql = await target.open(schema);
      handles.push(sql);
      await runMigrations(sql, []);
      return sql;
    };
    const relay = (...args: Parameters<typeof startOutboxRelay>) => {
      const started = startOutboxRelay(...args);
      relays.push(started);
      return started;
    };
    const enqueueCommitted = (sql: Sql, messages: Envelope[]) => sql.transaction((tx) => enqueueOutbox(tx, messages));
    const outboxRows = async (sql: Sql) =>
      (
        await sql.query<{ message_id: string; attempts: number; last_error: string | null; published: boolean }>(
          'SELECT message_id, attempts, last_error, published_at IS NOT NULL AS published FROM outbox ORDER BY seq',
        )
      ).rows;

    beforeAll(async () => {
      target = await createTarget();
    });
    afterEach(async () => {
      await Promise.all(relays.splice(0).map((r) => r.stop()));
    });
    afterAll(async () => {
      await Promise.all(handles.map((sql) => sql.close()));
      await target.dispose();
    });

    it('publishes every committed row once, in seq order, and nothing from a rolled-back transaction', async () => {
      const sql = await open();
      const committed = [1, 2, 3, 4, 5].map(message);
      await enqueueCommitted(sql, committed.slice(0, 3));
      await expect(
        sql.transaction(async (tx) => {
          await enqueueOutbox(tx, [message(99)]);
          throw new Error('command failed');
        }),
      ).rejects.toThrow('command failed');
      await enqueueCommitted(sql, committed.slice(3));
      const recorder = recordingBus();

      const count = await relay({ sql, bus: recorder.bus, logger, batchSize: 2, background: false }).drain();

      expect(count).toBe(5);
      expect(recorder.published).toStrictEqual(committed);
      expect(await pendingOutboxCount(sql)).toBe(0);
      expect((await outboxRows(sql)).map((r) => [r.message_id, r.published, r.attempts])).toStrictEqual(
        committed.map((m) => [m.id, true, 1]),
      );
    });

    it('leaves a row whose publish failed pending and publishes the rest, then retries it: nothing lost', async () => {
      const sql = await open();
      const messages = [1, 2, 3, 4].map(message);
      await enqueueCommitted(sql, messages);
      let refusedOnce = false;
      const recorder = recordingBus((m) => {
        if (m.id !== messages[2]!.id || refusedOnce) return false;
        refusedOnce = true;
        return true;
      });
      const outbox = relay({ sql, bus: recorder.bus, logger, background: false });

      await expect(outbox.drain()).rejects.toThrow('broker refused the message');
      expect(recorder.ids()).toStrictEqual([0, 1, 3].map((i) => messages[i]!.id));
      expect(await pendingOutboxCount(sql)).toBe(1);
      expect((await outboxRows(sql))[2]).toMatchObject({ attempts: 1, last_error: 'broker refused the message' });

      expect(await outbox.drain()).toBe(1);
      expect(recorder.published).toStrictEqual([0, 1, 3, 2].map((i) => messages[i]));
      expect((await outboxRows(sql)).map((r) => r.attempts)).toStrictEqual([1, 1, 2, 1]);
    });

    it('runs on its own: publishes at once on nudge, retries after backing off, and polls', async () => {
      const sql = await open();
      let calls = 0;
      const recorder = recordingBus(() => ++calls === 2);
      // A poll far in the future: only nudge() and the failure backoff (capped at 20 ms) can make it publish.
      const outbox = relay({ sql, bus: recorder.bus, logger, pollMs: 3_600_000, maxBackoffMs: 20 });
      const [first, second, third] = [message(1), message(2), message(3)];
      await enqueueCommitted(sql, [first]);
      outbox.nudge();
      await waitFor(() => recorder.published.length === 1, { description: 'nudged publish' });

      await enqueueCommitted(sql, [second]);
      outbox.nudge();
      await waitFor(() => recorder.published.length === 2, { description: 'publish retried after backoff' });
      expect(calls).toBe(3);
      await outbox.stop();

      let runs = 0;
      const counting: Sql = {
        ...sql,
        transaction: (fn) => {
          runs += 1;
          return sql.transaction(fn);
        },
      };
      const polling = relay({ sql: counting, bus: recorder.bus, logger, pollMs: 10 });
      await waitFor(() => runs >= 2, { description: 'a run after the first, from the poll timer' });
      await enqueueCommitted(sql, [third]);
      await waitFor(() => recorder.published.length === 3, { description: 'polled publish' });
      expect(recorder.published).toStrictEqual([first, second, third]);
      await waitFor(async () => (await pendingOutboxCount(sql)) === 0, { description: 'rows marked published' });
      await polling.stop();
    });

    it('never publishes a row twice with two relays on one schema', async () => {
      const sql = await open();
      const other = await open(sql.schema);
      const messages = Array.from({ length: 60 }, (_, i) => message(i));
      for (let i = 0; i < messages.length; i += 10) await enqueueCommitted(sql, messages.slice(i, i + 10));
      const recorder = recordingBus();
      const options = { bus: recorder.bus, logger, batchSize: 7, pollMs: 5 };
      const [a, b] = [relay({ ...options, sql }), relay({ ...options, sql: other })];

      await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
      await waitFor(async () => (await pendingOutboxCount(sql)) === 0, { description: 'all published' });

      expect(new Set(recorder.ids()).size).toBe(recorder.published.length);
      expect([...recorder.ids()].sort()).toStrictEqual(messages.map((m) => m.id).sort());
      expect((await outboxRows(sql)).every((r) => r.published && r.attempts === 1)).toBe(true);
    });

    it('purges published rows past the retention period and never pending ones', async () => {
      const sql = await open();
      await enqueueCommitted(sql, [message(1), message(2)]);
      await relay({ sql, bus: recordingBus().bus, logger, background: false }).drain();
      const pending = message(3);
      await enqueueCommitted(sql, [pending]);

      expect(await purgePublishedOutbox(sql, 3_600_000)).toBe(0);
      expect(await purgePublishedOutbox(sql, 0)).toBe(2);
      expect((await outboxRows(sql)).map((r) => r.message_id)).toStrictEqual([pending.id]);
    });

    for (const busKind of ['memory', 'rabbitmq'] as const) {
      it(`delivers through the real ${busKind} bus in order`, async () => {
        const sql = await open();
        const prefix = `tc_outbox_${randomBytes(4).toString('hex')}.`;
        const bus = await createBus(
          busKind === 'memory'
            ? { kind: 'memory', queuePrefix: prefix }
            : { kind: 'rabbitmq', url: rabbitUrl, exchange: `${prefix}events`, queuePrefix: prefix },
          logger,
        );
        try {
          const received: Envelope[] = [];
          await bus.subscribe({ queue: 'listener', routingKeys: ['inventory.confirmed'], prefetch: 1 }, async (m) => {
            received.push(m);
          });
          const messages = [1, 2, 3, 4, 5].map(message);
          await enqueueCommitted(sql, messages);
          relay({ sql, bus, logger, pollMs: 60_000 }).nudge();
          await waitFor(() => received.length === messages.length, { description: `${busKind} deliveries` });
          expect(received).toStrictEqual(messages);
          // Consumers can see a message before the relay's transaction marking it published commits.
          await waitFor(async () => (await pendingOutboxCount(sql)) === 0, { description: 'rows marked published' });
        } finally {
          await Promise.all(relays.splice(0).map((r) => r.stop()));
          const withTeardown = bus as Bus & { closeAndDeleteTopology?: () => Promise<void> };
          await (withTeardown.closeAndDeleteTopology ? withTeardown.closeAndDeleteTopology() : bus.close());
        }
      });
    }
  });
}
