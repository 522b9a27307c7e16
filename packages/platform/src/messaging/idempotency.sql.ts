// HTTP Idempotency-Key storage, used inside the command's own transaction so the key commits with its effect.
import { createHash } from 'node:crypto';
import { conflict, unprocessable } from '../errors.ts';
import type { SqlExecutor } from '../sql/sql.ts';

export interface IdempotencyKeyRef {
  /** Who the key belongs to, e.g. `orders.create:<userId>`: keys of different clients never collide. */
  scope: string;
  key: string;
}

export type IdempotencyClaim = { kind: 'new' } | { kind: 'replay'; statusCode: number; body: unknown };

export interface IdempotentResponse {
  statusCode: number;
  body: unknown;
}

interface StoredKey {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

/**
 * Claims the key for this request. A concurrent request with the same key blocks on the first one's uncommitted
 * row (the primary key) until it commits, then replays its response; if the first rolls back, it goes ahead.
 */
export async function claimIdempotencyKey(
  tx: SqlExecutor,
  claim: IdempotencyKeyRef & { requestHash: string },
): Promise<IdempotencyClaim> {
  const inserted = await tx.query(
    `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (scope, idempotency_key) DO NOTHING`,
    [claim.scope, claim.key, claim.requestHash],
  );
  if (inserted.rowCount === 1) return { kind: 'new' };

  const { rows } = await tx.query<StoredKey>(
    'SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2',
    [claim.scope, claim.key],
  );
  const stored = rows[0];
  if (!stored) throw conflict('A request with this Idempotency-Key was just removed; retry it');
  if (stored.request_hash !== claim.requestHash) {
    throw unprocessable('Idempotency-Key was already used with a different request', [
      { field: 'Idempotency-Key', message: 'this key was already used with a different request body or target' },
    ]);
  }
  // Committed without a response means its handler never saved one: nothing trustworthy to replay.
  if (stored.status_code === null) throw conflict('A request with this Idempotency-Key has no stored response');
  return { kind: 'replay', statusCode: stored.status_code, body: stored.response };
}

/** Stores the response to replay; call in the same transaction that claimed the key. */
export async function saveIdempotentResponse(
  tx: SqlExecutor,
  ref: IdempotencyKeyRef,
  response: IdempotentResponse,
): Promise<void> {
  const { rowCount } = await tx.query(
    'UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE scope = $1 AND idempotency_key = $2',
    [ref.scope, ref.key, response.statusCode, JSON.stringify(response.body ?? null)],
  );
  if (rowCount !== 1) throw new Error('saveIdempotentResponse: the key was not claimed in this transaction');
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(value).sort()) sorted[name] = (value as Record<string, unknown>)[name];
  return sorted;
}

/** sha256 (hex) of JSON with object keys sorted at every depth, so key order never changes the hash. */
export function hashRequest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, sortKeys) ?? 'undefined')
    .digest('hex');
}
