// The outbox relay: publishes committed outbox rows in seq order and marks them in the transaction that claimed them.
import type { Bus } from '../bus/bus.ts';
import { crashPoint } from '../crash-point.ts';
import type { Logger } from '../logging.ts';
import { serialQueue } from '../serial-queue.ts';
import type { Sql } from '../sql/sql.ts';
import { withTimeout } from '../timeout.ts';
import type { OutboxRelay, OutboxRelayOptions } from './messaging.ts';
import { claimPendingOutbox, markOutboxPublished, purgePublishedOutbox, recordOutboxFailure } from './outbox.sql.ts';

export { pendingOutboxCount } from './outbox.sql.ts';

/** Knobs beside the shared OutboxRelayOptions; the defaults suit production. */
export interface OutboxRelayTuning {
  /** Published rows are kept this long for inspection, then purged. Default 7 days. */
  retentionMs?: number;
  purgeEveryMs?: number;
  /** Backoff after a failed run doubles from pollMs up to this. Default 30 s. */
  maxBackoffMs?: number;
  /** A publish not confirmed in time counts as failed, so a stuck broker cannot hold row locks forever. */
  publishTimeoutMs?: number;
  /** false: no polling loop, only drain() publishes (one-off tools, tests). Default true. */
  background?: boolean;
}

interface RelayContext {
  sql: Sql;
  bus: Bus;
  logger: Logger;
  batchSize: number;
  publishTimeoutMs: number;
}

interface RunResult {
  published: number;
  /** Set when a publish failed: that row stays pending and the run stops after this batch. */
  failure: { error: unknown } | null;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Publishes a claimed batch pipelined: every publish goes out on the wire in seq order at once and the confirms
 * are awaited together (one confirm round-trip per message in sequence would cap a relay at the broker's fsync
 * rate). A row whose publish failed stays pending and goes out on a later run, possibly after rows that followed
 * it: consumers rely on inbox ids and aggregate versions, never on order across a broker failure.
 */
function publishBatch(ctx: RelayContext): Promise<RunResult & { claimed: number }> {
  return ctx.sql.transaction(async (tx) => {
    const rows = await claimPendingOutbox(tx, ctx.batchSize);
    const outcomes = await Promise.allSettled(
      rows.map((row) =>
        withTimeout(
          ctx.bus.publish(row.envelope),
          ctx.publishTimeoutMs,
          `publish not confirmed within ${ctx.publishTimeoutMs} ms`,
        ),
      ),
    );
    const published: number[] = [];
    let failure: RunResult['failure'] = null;
    for (const [index, outcome] of outcomes.entries()) {
      const row = rows[index]!;
      if (outcome.status === 'fulfilled') {
        published.push(row.seq);
        continue;
      }
      failure ??= { error: outcome.reason };
      await recordOutboxFailure(tx, row.seq, errorText(outcome.reason));
      // Ids and types only: envelope data may be personal.
      ctx.logger.warn(
        {
          seq: row.seq,
          messageId: row.envelope.id,
          messageType: row.envelope.type,
          attempts: row.attempts + 1,
          error: errorText(outcome.reason),
        },
        'outbox publish failed; the row stays pending',
      );
    }
    // Published but not marked: after a crash here every row goes out again, and inboxes drop the copies.
    if (published.length) crashPoint('outbox.after-publish-before-mark');
    await markOutboxPublished(tx, published);
    return { claimed: rows.length, published: published.length, failure };
  });
}

async function publishPending(ctx: RelayContext, keepGoing: () => boolean): Promise<RunResult> {
  let published = 0;
  for (;;) {
    const batch = await publishBatch(ctx);
    published += batch.published;
    if (batch.failure || batch.claimed < ctx.batchSize || !keepGoing()) return { published, failure: batch.failure };
  }
}

export function startOutboxRelay(options: OutboxRelayOptions & OutboxRelayTuning): OutboxRelay {
  const { logger } = options;
  const pollMs = options.pollMs ?? 250;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const ctx: RelayContext = {
    sql: options.sql,
    bus: options.bus,
    logger,
    batchSize: options.batchSize ?? 100,
    publishTimeoutMs: options.publishTimeoutMs ?? 30_000,
  };
  const exclusive = serialQueue();
  let stopped = options.background === false;
  let running = false;
  let wakeAgain = false;
  let failures = 0;
  let lastPurge = 0;
  let timer: NodeJS.Timeout | undefined;

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
    timer.unref();
  }

  async function purgeIfDue(): Promise<void> {
    if (stopped || Date.now() - lastPurge < purgeEveryMs) return;
    lastPurge = Date.now();
    try {
      const purged = await exclusive(() => purgePublishedOutbox(ctx.sql, retentionMs));
      if (purged > 0) logger.info({ purged }, 'purged published outbox rows');
    } catch (error) {
      logger.warn({ error: errorText(error) }, 'outbox purge failed');
    }
  }

  async function runOnce(): Promise<boolean> {
    try {
      const result = await exclusive(() => publishPending(ctx, () => !stopped));
      if (result.published > 0) logger.debug({ published: result.published }, 'outbox rows published');
      return result.failure === null;
    } catch (error) {
      logger.warn({ error: errorText(error) }, 'outbox relay run failed');
      return false;
    }
  }

  async function tick(): Promise<void> {
    timer = undefined;
    running = true;
    wakeAgain = false;
    failures = (await runOnce()) ? 0 : failures + 1;
    await purgeIfDue();
    running = false;
    schedule(failures > 0 ? backoffMs() : wakeAgain ? 0 : pollMs);
  }

  const backoffMs = () => Math.min(pollMs * 2 ** failures, maxBackoffMs);

  schedule(0); // publishes what earlier runs left behind
  return {
    nudge() {
      // While backing off, nudges from every commit must not hammer a broker that is down.
      if (stopped || failures > 0) return;
      if (running) wakeAgain = true;
      else schedule(0);
    },
    async drain() {
      const result = await exclusive(() => publishPending(ctx, () => true));
      if (result.failure) {
        // The broker just refused: the loop backs off too instead of retrying at once.
        failures += 1;
        if (!running) schedule(backoffMs());
        throw result.failure.error;
      }
      failures = 0;
      return result.published;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await exclusive(async () => undefined);
    },
  };
}
