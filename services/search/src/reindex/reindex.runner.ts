// The full reindex: walks catalog's product listing, upserts every product by version, then removes the documents
// catalog no longer has. Runs in the background, one at a time across instances (a lease on the reindex row).
import { randomUUID } from 'node:crypto';
import { canClaim, conflict, type Logger, leasedJobStatus, type Sql } from '@techcorp/platform';
import type { SearchEngine } from '../engine/search-engine.ts';
import type { CatalogClient } from '../indexing/catalog.client.ts';
import { catalogItemId, documentFromCatalog } from '../indexing/product-document.ts';
import type { ReindexStatus } from './reindex.policy.ts';
import { claimReindex, finishReindex, lockReindex, readReindex, recordProgress } from './reindex.sql.ts';

export interface ReindexRunnerDeps {
  sql: Sql;
  logger: Logger;
  engine: SearchEngine;
  catalog: CatalogClient;
  /** A running reindex without progress for this long is taken to be dead (its instance stopped). */
  leaseMs: number;
  /** After a page (or the removals) changed the index: cached answers are stale. */
  onChanged: () => Promise<void>;
}

export interface ReindexRunner {
  /** Claims the reindex (409 while another runs) and starts it in the background. */
  start(): Promise<ReindexStatus>;
  status(): Promise<ReindexStatus>;
  /** Resolves when this instance's background reindex (if any) has ended. */
  settled(): Promise<void>;
  /** Interrupts a reindex this instance runs (recorded as failed) and waits for it. */
  stop(): Promise<void>;
}

/** The run lost its claim (taken over after its lease ran out): it stops without recording anything. */
class ReindexLost extends Error {}

export function createReindexRunner(deps: ReindexRunnerDeps): ReindexRunner {
  const { sql, logger, engine, catalog, leaseMs } = deps;
  let running: Promise<void> | null = null;
  let controller: AbortController | null = null;

  /** Each product in its own short transaction: a page never holds many rows locked against the live consumer. */
  async function indexItem(raw: unknown, runId: string): Promise<boolean> {
    const mapped = documentFromCatalog(raw);
    if ('error' in mapped) {
      const id = catalogItemId(raw);
      logger.warn({ productId: id, reason: mapped.error }, 'reindex: catalog product skipped');
      // Still catalog's product: keep what the index has rather than removing it at the end.
      if (id) await sql.transaction((tx) => engine.writer(tx).markSeen([id], runId));
      return false;
    }
    const outcome = await sql.transaction((tx) => engine.writer(tx).upsert(mapped.doc, { seenBy: runId }));
    return outcome.kind !== 'stale';
  }

  async function run(runId: string, startedAt: string, signal: AbortSignal): Promise<void> {
    try {
      let cursor: string | null = null;
      do {
        const page = await catalog.page(cursor, signal);
        let changed = false;
        for (const raw of page.items) {
          signal.throwIfAborted();
          if (await indexItem(raw, runId)) changed = true;
        }
        if (!(await recordProgress(sql, runId, page.items.length))) throw new ReindexLost();
        if (changed) await deps.onChanged();
        cursor = page.nextCursor;
      } while (cursor !== null);
      signal.throwIfAborted();
      const removed = await engine.removeUnseen(runId, startedAt);
      if (removed > 0) await deps.onChanged();
      if (!(await finishReindex(sql, runId, 'done', null))) throw new ReindexLost();
      logger.info({ runId, removed }, 'reindex done');
      // After the outcome, outside the lease (it may take a while on a large index). A failure leaves a correct
      // index, only planned on older statistics until autovacuum catches up, so it is a warning.
      await engine.afterBulkChange().catch((error: unknown) => {
        logger.warn({ runId, error: describe(error) }, 'reindex: index upkeep after the run failed');
      });
    } catch (error) {
      if (error instanceof ReindexLost) {
        logger.warn({ runId }, 'reindex lost its claim; stopping');
        return;
      }
      const reason = signal.aborted ? 'interrupted: the service stopped' : describe(error);
      logger.error({ err: error, runId }, 'reindex failed');
      await finishReindex(sql, runId, 'failed', reason.slice(0, 500)).catch(() => {});
    }
  }

  return {
    async start() {
      const runId = randomUUID();
      const startedAt = await sql.transaction(async (tx) => {
        if (!canClaim(await lockReindex(tx), leaseMs)) throw conflict('a reindex is already running');
        await claimReindex(tx, runId);
        return (await readReindex(tx)).startedAt!;
      });
      logger.info({ runId }, 'reindex started');
      const abort = new AbortController();
      controller = abort;
      const done = run(runId, startedAt, abort.signal);
      running = done;
      void done.finally(() => {
        if (running === done) running = null;
      });
      return leasedJobStatus(await readReindex(sql), leaseMs);
    },
    async status() {
      return leasedJobStatus(await readReindex(sql), leaseMs);
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
