// The inventory service module: stock per warehouse, reservations with a TTL, the command consumer and the sweeper.
import {
  createServiceAuth,
  createServiceMetrics,
  mountDeadLetters,
  type OutboxRelay,
  pendingOutboxCount,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  type Subscription,
  startConsumer,
  startOutboxRelay,
} from '@techcorp/platform';
import { buildApp } from './app.ts';
import { inventoryConfig } from './config.ts';
import { createExpirySweeper } from './reservation/expiry.sweeper.ts';
import { reservationCommands } from './reservation/reservation.commands.ts';
import { COMMAND_QUEUE, reservationHandlers } from './reservation/reservation.handlers.ts';
import { createAvailableCounters } from './stock/available-counters.ts';

export interface InventoryHandle extends ServiceHandle {
  /** Expires every reservation due now (what the periodic sweeper runs); resolves with how many. */
  sweepExpired(): Promise<number>;
}

export async function createInventoryService(deps: ServiceDeps): Promise<InventoryHandle> {
  const { logger, sql, bus, kv, env, urls } = deps;
  const auth = createServiceAuth({ env, urls });
  const config = inventoryConfig(env);
  const metrics = createServiceMetrics('inventory');
  const reservationsCounter = (outcome: string) =>
    metrics.counter(`inventory_reservations_${outcome}_total`, `Reservations ${outcome}`);
  metrics.gauge('inventory_outbox_pending', 'Outbox messages not yet published', [], async (gauge) => {
    gauge.set(await pendingOutboxCount(sql));
  });
  const counters = createAvailableCounters({ sql, kv, logger });
  const commands = reservationCommands({
    counters,
    metrics: {
      made: reservationsCounter('made'),
      failed: reservationsCounter('failed'),
      expired: reservationsCounter('expired'),
    },
  });

  let relay: OutboxRelay | null = null;
  // After every commit: publish what it enqueued now, and refresh the counters it changed.
  const afterCommit = () => {
    relay?.nudge();
    void counters.flush();
  };
  const sweeper = createExpirySweeper({
    sql,
    logger,
    commands,
    intervalMs: config.sweepIntervalMs,
    batchSize: config.sweepBatchSize,
    afterCommit,
  });
  const app = await buildApp({
    logger,
    sql,
    auth,
    metrics,
    commands,
    counters,
    defaultTtlSeconds: config.defaultTtlSeconds,
    afterCommit,
  });
  await mountDeadLetters({ app, metrics, bus, queues: [COMMAND_QUEUE], auth });
  let consumer: Subscription | null = null;

  return {
    name: 'inventory',
    app,
    sweepExpired: () => sweeper.sweepExpired(),
    async start() {
      const started = startOutboxRelay({ sql, bus, logger });
      relay = started;
      consumer = await startConsumer({
        sql,
        bus,
        logger,
        consumer: COMMAND_QUEUE,
        queue: COMMAND_QUEUE,
        handlers: reservationHandlers(commands),
        // The consumer nudges after each commit; the counters ride on that signal.
        relay: { nudge: afterCommit, drain: () => started.drain(), stop: () => started.stop() },
      });
      sweeper.start();
      await counters.rebuildAll();
    },
    async stop() {
      await app.close();
      await sweeper.stop();
      await consumer?.close();
      await relay?.stop();
      await counters.flush();
    },
  };
}

export const inventoryService = {
  name: 'inventory',
  defaultPort: SERVICE_PORTS.inventory,
  migrationsDir: new URL('./migrations/', import.meta.url),
  create: createInventoryService,
} satisfies ServiceModule;
