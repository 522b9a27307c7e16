// The client-credentials grant (RFC 6749 §4.4): client authentication, scope selection, the service's token.
import type { Logger, Sql } from '@techcorp/platform';
import { sameDigest, sha256Hex } from '../crypto/digests.ts';
import type { Keyring, SignedToken } from '../keys/keyring.ts';
import type { ClientConfig } from './client-config.ts';
import { clientsSql } from './clients.sql.ts';

export type GrantResult =
  | { ok: true; token: SignedToken; scope: string }
  | { ok: false; error: 'invalid_client' | 'invalid_scope' };

// Compared when the client id is unknown, so an unknown id costs what a wrong secret costs.
const UNKNOWN_CLIENT_DIGEST = sha256Hex('no such client');

/** The scopes granted: those requested (all must be allowed), else every scope of the client. */
export function grantedScopes(requested: string | undefined, allowed: readonly string[]): string[] | null {
  if (requested === undefined || requested.trim() === '') return [...allowed];
  const wanted = [...new Set(requested.trim().split(/ +/))];
  return wanted.every((s) => allowed.includes(s)) ? wanted : null;
}

export function createClientCredentials(deps: { sql: Sql; keyring: Keyring; logger: Logger }) {
  const { sql, keyring, logger } = deps;
  return {
    /** Makes the table match AUTH_CLIENTS (several instances may do it at once: upserts, then one delete). */
    async sync(clients: readonly ClientConfig[]): Promise<void> {
      const removed = await sql.transaction(async (tx) => {
        const table = clientsSql(tx);
        for (const client of [...clients].sort((a, b) => a.id.localeCompare(b.id))) {
          await table.upsert({ ...client, secretHash: sha256Hex(client.secret) });
        }
        return table.deleteAllBut(clients.map((c) => c.id));
      });
      logger.info({ clients: clients.map((c) => c.id), removed }, 'oauth clients synchronised');
    },

    async grant(clientId: string, secret: string, requestedScope: string | undefined): Promise<GrantResult> {
      const client = await clientsSql(sql).byId(clientId);
      const matches = sameDigest(sha256Hex(secret), client?.secretHash ?? UNKNOWN_CLIENT_DIGEST);
      if (!client || !matches) return { ok: false, error: 'invalid_client' };
      const scopes = grantedScopes(requestedScope, client.scopes);
      if (!scopes) return { ok: false, error: 'invalid_scope' };
      const scope = scopes.join(' ');
      await keyring.fresh();
      const token = await keyring.sign(client.id, { client_id: client.id, roles: client.roles, scope });
      return { ok: true, token, scope };
    },
  };
}

export type ClientCredentials = ReturnType<typeof createClientCredentials>;
