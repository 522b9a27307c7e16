// The readiness probe's one statement: the catalog can take traffic while its database answers.
import type { SqlExecutor } from '@techcorp/platform';

export async function pingDatabase(db: SqlExecutor): Promise<void> {
  await db.query('SELECT 1');
}
