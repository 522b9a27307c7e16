// Periodically ticks sagas whose reply is overdue or whose deadline passed (safe with many instances: SKIP LOCKED).
import type { Logger, OutboxRelay, Sql } from '@techcorp/platform';
import { claimDueSaga } from './saga.sql.ts';
import { advanceSaga, type SagaRunnerConfig } from './saga-runner.ts';

export interface SagaSweeper {
  /** Ticks every due saga once; resolves with how many changed. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startSagaSweeper(options: {
  sql: Sql;
  config: SagaRunnerConfig;
  logger: Logger;
  relay?: OutboxRelay;
  intervalMs: number;
  batch?: number;
}): SagaSweeper {
  const { sql, config, logger, relay, intervalMs, batch = 50 } = options;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function sweepOnce(): Promise<number> {
    let changed = 0;
    for (let i = 0; i < batch; i++) {
      const advanced = await sql.transaction(async (tx) => {
        const due = await claimDueSaga(tx);
        if (!due) return null;
        const step = await advanceSaga(tx, config, due.saga.orderId, { type: 'Tick' }, null);
        // A claimed row the workflow finds not due must end this sweep, or it would be claimed again at once.
        return step.changed;
      });
      if (advanced === null || advanced === false) break;
      changed += 1;
    }
    if (changed) relay?.nudge();
    return changed;
  }

  const sweep = () => {
    running ??= sweepOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    if (stopped) return;
    sweep().catch((error) => logger.error({ err: error }, 'saga sweep failed'));
  }, intervalMs);
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
