// TTL sweeper: RESERVED past expires_at -> EXPIRED in batches; several instances share the work via SKIP LOCKED.
import type { Logger, Sql } from '@techcorp/platform';
import type { ReservationCommands } from './reservation.commands.ts';

export interface ExpirySweeper {
  /** Expires every reservation due now, batch by batch; resolves with how many expired. */
  sweepExpired(): Promise<number>;
  stop(): Promise<void>;
}

export interface SweeperOptions {
  sql: Sql;
  logger: Logger;
  commands: ReservationCommands;
  intervalMs: number;
  batchSize: number;
  /** Runs after each committed batch (nudge the outbox relay, refresh counters). */
  afterCommit: () => void;
}

export function createExpirySweeper(options: SweeperOptions): ExpirySweeper & { start(): void } {
  const { sql, logger, commands, intervalMs, batchSize, afterCommit } = options;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();

  async function sweepExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await sql.transaction((tx) => commands.expireDue(tx, batchSize));
      total += expired;
      afterCommit();
      // A short batch means nothing due is left that another instance is not already handling.
      if (expired < batchSize) return total;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweepExpired()
        .then((n) => {
          if (n > 0) logger.info({ expired: n }, 'expired reservations released');
        })
        .catch((error: unknown) => logger.error({ err: error }, 'reservation sweep failed'))
        .finally(schedule);
    }, intervalMs);
  }

  return {
    sweepExpired,
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
