// HTTP Idempotency-Key for work that must not run inside one transaction (it calls the payment provider).
import { claimIdempotencyKey, hashRequest, type Sql, saveIdempotentResponse } from '@techcorp/platform';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** Thrown to roll back the look-ahead claim: the key is new, so nothing is kept until the work is done. */
class KeyIsNew extends Error {}

/**
 * Replays the stored response of a key, refuses a key reused with another body (422), or runs `work` and stores its
 * response. The work itself must be idempotent for a retried key (payments derive the payment id from it), because
 * two concurrent first requests can both run it; the second then gets the first one's stored response.
 */
export async function runIdempotent(
  sql: Sql,
  request: { scope: string; key: string | undefined; body: unknown },
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const { scope, key } = request;
  if (!key) return work();
  const claim = { scope, key, requestHash: hashRequest(request.body) };

  const replay = await sql
    .transaction(async (tx) => {
      const found = await claimIdempotencyKey(tx, claim);
      if (found.kind === 'new') throw new KeyIsNew();
      return { statusCode: found.statusCode, body: found.body };
    })
    .catch((error: unknown) => {
      if (error instanceof KeyIsNew) return null;
      throw error;
    });
  if (replay) return replay;

  const response = await work();
  return sql.transaction(async (tx) => {
    const found = await claimIdempotencyKey(tx, claim);
    if (found.kind === 'replay') return { statusCode: found.statusCode, body: found.body };
    await saveIdempotentResponse(tx, { scope, key }, response);
    return response;
  });
}
