// The readiness probe's statement.
import type { SqlExecutor } from '@techcorp/platform';

export async function pingDatabase(db: SqlExecutor): Promise<void> {
  await db.query('SELECT 1');
}
