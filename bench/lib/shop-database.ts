// Optional database upkeep before the shopping benchmark measures, to show what the figures depend on: VACUUM
// ANALYZE (what autovacuum would have done after the bulk load; this box's PostgreSQL runs with autovacuum off, in
// .ci's conf.d/90-ci.conf) and JIT off (the fix to try for search's facet statements; the service has no setting).
import { performance } from 'node:perf_hooks';
import {
  closeIdleConnectionsOpenedBefore,
  disableJitForNewConnections,
  openDb,
  vacuumAnalyzeDatabase,
} from './resources.sql.ts';

export interface Upkeep {
  vacuumAnalyze: boolean;
  jitOff: boolean;
}

/** search's pool names its connections by its schema (platform infra.ts). */
const SEARCH_APPLICATION = 'search';
const RECONNECT_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies what `upkeep` asks for to the run's database; returns what was done, for the results file. */
export async function applyUpkeep(databaseUrl: string | null, upkeep: Upkeep): Promise<string[]> {
  if (!upkeep.vacuumAnalyze && !upkeep.jitOff) return [];
  if (!databaseUrl) throw new Error('--vacuum-analyze and --jit-off need the database (--database-url)');
  const db = await openDb(databaseUrl);
  const done: string[] = [];
  try {
    if (upkeep.vacuumAnalyze) {
      await vacuumAnalyzeDatabase(db);
      done.push("VACUUM ANALYZE (every table of the run's database)");
    }
    if (upkeep.jitOff) {
      const since = new Date();
      await disableJitForNewConnections(db);
      // Only new connections take the setting: search's older ones are closed while idle, and its pool reconnects.
      const until = performance.now() + RECONNECT_WAIT_MS;
      let old = await closeIdleConnectionsOpenedBefore(db, SEARCH_APPLICATION, since);
      while (old > 0 && performance.now() < until) {
        await sleep(200);
        old = await closeIdleConnectionsOpenedBefore(db, SEARCH_APPLICATION, since);
      }
      if (old > 0) throw new Error(`--jit-off: search still holds ${old} connections opened before the change`);
      done.push("jit = off (ALTER DATABASE; search's older connections closed while idle, its pool reconnected)");
    }
  } finally {
    await db.end();
  }
  for (const line of done) console.log(`database upkeep: ${line}`);
  return done;
}
