// Chooses the SQL adapter for a config: PostgreSQL (pg) for real infrastructure, PGlite when embedded.
import type { Logger } from '../logging.ts';
import { createPgliteSql } from './pglite-sql.ts';
import { createPostgresSql } from './postgres-sql.ts';
import type { Sql, SqlConfig } from './sql.ts';

/** Opens a handle on config.schema (created if missing); `logger` reports idle-connection failures on pg. */
export function createSql(config: SqlConfig, logger?: Logger): Promise<Sql> {
  switch (config.kind) {
    case 'postgres':
      return createPostgresSql(config, logger);
    case 'pglite':
      return createPgliteSql(config);
    default: {
      const unknown: never = config;
      throw new Error(`unknown SQL adapter ${JSON.stringify(unknown)}`);
    }
  }
}
