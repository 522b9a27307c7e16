// All SQL on OAuth clients: upserted from AUTH_CLIENTS at start, secrets kept only as SHA-256 digests.
import type { SqlExecutor } from '@techcorp/platform';

export interface ClientRow {
  id: string;
  secretHash: string;
  roles: string[];
  scopes: string[];
}

export function clientsSql(db: SqlExecutor) {
  return {
    async upsert(client: ClientRow): Promise<void> {
      await db.query(
        `INSERT INTO oauth_clients (id, secret_hash, roles, scopes) VALUES ($1, $2, $3::text[], $4::text[])
         ON CONFLICT (id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, roles = EXCLUDED.roles,
           scopes = EXCLUDED.scopes, updated_at = now()
         WHERE (oauth_clients.secret_hash, oauth_clients.roles, oauth_clients.scopes)
           IS DISTINCT FROM (EXCLUDED.secret_hash, EXCLUDED.roles, EXCLUDED.scopes)`,
        [client.id, client.secretHash, client.roles, client.scopes],
      );
    },

    /** Removes clients no longer configured (a removed or compromised client stops working); returns their ids. */
    async deleteAllBut(ids: readonly string[]): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `DELETE FROM oauth_clients WHERE NOT (id = ANY($1::text[])) RETURNING id`,
        [[...ids]],
      );
      return rows.map((r) => r.id);
    },

    async byId(id: string): Promise<ClientRow | undefined> {
      const { rows } = await db.query<ClientRow>(
        `SELECT id, secret_hash AS "secretHash", roles, scopes FROM oauth_clients WHERE id = $1`,
        [id],
      );
      return rows[0];
    },
  };
}
