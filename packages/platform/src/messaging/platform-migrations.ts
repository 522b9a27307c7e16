// Tables every service schema gets before its own migrations: outbox, inbox and idempotency keys.
import type { Migration } from '../sql/sql.ts';

export const platformMigrations: Migration[] = [
  {
    id: '000_platform_messaging',
    sql: `
      CREATE TABLE IF NOT EXISTS outbox (
        seq BIGSERIAL PRIMARY KEY,
        message_id UUID NOT NULL UNIQUE,
        message_type TEXT NOT NULL,
        envelope JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        published_at TIMESTAMPTZ,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL;

      CREATE TABLE IF NOT EXISTS inbox (
        consumer TEXT NOT NULL,
        message_id UUID NOT NULL,
        message_type TEXT NOT NULL,
        processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );

      CREATE TABLE IF NOT EXISTS idempotency_keys (
        scope TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status_code INTEGER,
        response JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, idempotency_key)
      );
    `,
  },
];
