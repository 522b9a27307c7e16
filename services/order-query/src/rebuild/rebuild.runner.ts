// Rebuilds the read model from the orders event store in the background, then swaps it in at once.
import { randomUUID } from 'node:crypto';
import { canClaim, conflict, type Logger, leasedJobStatus, type Sql } from '@techcorp/platform';
import { PROJECTED_EVENTS, snapshotOf } from '../projection/projection.handlers.ts';
import { SHADOW_TABLES } from '../projection/projection.sql.ts';
import { applySnapshot } from '../projection/projector.ts';
import type { RebuildStatus } from './rebuild.policy.ts';
import {
  abandonRebuild,
  lockRebuild,
  readRebuild,
  recordProgress,
  startRebuild,
  swapShadowIntoLive,
} from './rebuild.sql.ts';
import type { ReplayFeed } from './replay-feed.client.ts';

export interface RebuildRunnerDeps {
  sql: Sql;
  logger: Logger;
  feed: ReplayFeed;
  /** A running rebuild without progress for this long is taken to be dead (its instance crashed). */
  leaseMs: number;
  /** After the swap committed: invalidate every cached answer. */
  onSwapped: () => Promise<void>;
}

export interface RebuildRunner {
  /** Claims the rebuild (409 when one is running) and starts it in the background. */
  start(): Promise<RebuildStatus>;
  status(): Promise<RebuildStatus>;
  /** Resolves when this instance's background rebuild (if any) has ended. */
  settled(): Promise<void>;
  /** Interrupts a rebuild this instance runs (it is recorded as failed) and waits for it. */
  stop(): Promise<void>;
}

const PROJECTED = new Set(PROJECTED_EVENTS.map((def) => def.type));

/** The rebuild lost its claim (a takeover after its lease ran out): it stops without touching anything. */
class RebuildLost extends Error {}

export function createRebuildRunner(deps: RebuildRunnerDeps): RebuildRunner {
  const { sql, logger, feed, leaseMs } = deps;
  let running: Promise<void> | null = null;
  let controller: AbortController | null = null;

  async function projectPage(owner: string, after: string | null, signal: AbortSignal): Promise<string | null> {
    const page = await feed.page(after, signal);
    await sql.transaction(async (tx) => {
      if (!(await recordProgress(tx, owner, page.messages.length))) throw new RebuildLost();
      for (const message of page.messages)
        if (PROJECTED.has(message.type)) await applySnapshot(tx, SHADOW_TABLES, snapshotOf(message));
    });
    return page.nextAfter;
  }

  async function swap(owner: string): Promise<boolean> {
    return sql.transaction(async (tx) => {
      const record = await lockRebuild(tx);
      if (record.state !== 'running' || record.owner !== owner) return false;
      await swapShadowIntoLive(tx);
      return true;
    });
  }

  async function fail(owner: string, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error({ err: error }, 'read-model rebuild failed');
    await sql.transaction(async (tx) => {
      const record = await lockRebuild(tx);
      if (record.state === 'running' && record.owner === owner) await abandonRebuild(tx, reason.slice(0, 500));
    });
  }

  async function run(owner: string, signal: AbortSignal): Promise<void> {
    try {
      let after: string | null = null;
      do after = await projectPage(owner, after, signal);
      while (after !== null && !signal.aborted);
      signal.throwIfAborted();
      if (!(await swap(owner))) throw new RebuildLost();
      await deps.onSwapped();
      logger.info('read-model rebuild swapped in');
    } catch (error) {
      if (error instanceof RebuildLost) logger.warn('read-model rebuild lost its claim; stopping');
      else await fail(owner, signal.aborted ? new Error('interrupted: the service stopped') : error).catch(() => {});
    }
  }

  return {
    async start() {
      const owner = randomUUID();
      await sql.transaction(async (tx) => {
        if (!canClaim(await lockRebuild(tx), leaseMs)) throw conflict('a read-model rebuild is already running');
        await startRebuild(tx, owner);
      });
      logger.info({ owner }, 'read-model rebuild started');
      const abort = new AbortController();
      controller = abort;
      const done = run(owner, abort.signal);
      running = done;
      void done.finally(() => {
        if (running === done) running = null;
      });
      return leasedJobStatus(await readRebuild(sql), leaseMs);
    },
    async status() {
      return leasedJobStatus(await readRebuild(sql), leaseMs);
    },
    async settled() {
      await running;
    },
    async stop() {
      controller?.abort();
      await running;
    },
  };
}
