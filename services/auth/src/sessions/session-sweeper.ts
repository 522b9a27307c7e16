// Periodic removal of sessions that ended long ago, so refresh-token rows do not accumulate forever.
import type { Logger, Sql } from '@techcorp/platform';
import { sessionsSql } from './sessions.sql.ts';

/** Ended sessions stay this long for audit ("which devices signed in last month"), then go with their tokens. */
export const ENDED_SESSION_RETENTION_DAYS = 30;
const BATCH = 1000;
const MAX_BATCHES_PER_RUN = 100;

export function createSessionSweeper(options: { sql: Sql; logger: Logger; intervalMs: number }) {
  const { sql, logger } = options;
  let timer: NodeJS.Timeout | null = null;

  /** Purges in batches (short transactions; several instances may sweep at once); resolves with how many. */
  const sweep = async (): Promise<number> => {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const purged = await sessionsSql(sql).purgeEnded(ENDED_SESSION_RETENTION_DAYS, BATCH);
      total += purged;
      if (purged < BATCH) break;
    }
    if (total > 0) logger.info({ purged: total }, 'ended sessions purged');
    return total;
  };

  return {
    sweep,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        sweep().catch((error: unknown) => logger.warn({ err: error }, 'session purge failed'));
      }, options.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
