// Optional database upkeep before the shopping benchmark measures: VACUUM ANALYZE, what autovacuum would have done
// after the bulk load (this box's PostgreSQL runs with autovacuum off, in conf.d/90-ci.conf).
import { openDb, vacuumAnalyzeDatabase } from './resources.sql.ts';

export interface Upkeep {
  vacuumAnalyze: boolean;
}

/** Applies what `upkeep` asks for to the run's database; returns what was done, for the results file. */
export async function applyUpkeep(databaseUrl: string | null, upkeep: Upkeep): Promise<string[]> {
  if (!upkeep.vacuumAnalyze) return [];
  if (!databaseUrl) throw new Error('--vacuum-analyze needs the database (--database-url)');
  const db = await openDb(databaseUrl);
  const done: string[] = [];
  try {
    await vacuumAnalyzeDatabase(db);
    done.push("VACUUM ANALYZE (every table of the run's database)");
  } finally {
    await db.end();
  }
  for (const line of done) console.log(`database upkeep: ${line}`);
  return done;
}
