// Inbox de-duplication: a consumer records each message id in the same transaction as its effect.
import type { Envelope } from '@techcorp/contracts';
import type { SqlExecutor } from '../sql/sql.ts';

/** Resolves true the first time this consumer sees the message; false on a redelivery (do nothing then). */
export async function claimInboxMessage(tx: SqlExecutor, consumer: string, message: Envelope): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO inbox (consumer, message_id, message_type) VALUES ($1, $2, $3)
     ON CONFLICT (consumer, message_id) DO NOTHING`,
    [consumer, message.id, message.type],
  );
  return result.rowCount === 1;
}
