// Every interval, the index tables' upkeep when it is due (engine.upkeepIfDue): one pass at a time per instance,
// off the request path. Several instances may both act; a second ANALYZE or VACUUM of a table is harmless.
import type { Logger } from '@techcorp/platform';
import type { SearchEngine } from '../engine/search-engine.ts';
import type { UpkeepAction } from '../engine/upkeep.ts';

export interface UpkeepLoop {
  stop(): Promise<void>;
}

export function startUpkeepLoop(deps: {
  engine: SearchEngine;
  logger: Logger;
  intervalMs: number;
  onDone: (action: UpkeepAction) => void;
}): UpkeepLoop {
  const { engine, logger, intervalMs } = deps;
  let running: Promise<void> | null = null;
  const pass = async () => {
    try {
      for (const action of await engine.upkeepIfDue()) {
        deps.onDone(action);
        logger.info({ table: action.table, kind: action.kind }, 'index upkeep done');
      }
    } catch (error) {
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'index upkeep failed');
    }
  };
  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
