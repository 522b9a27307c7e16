// The first admin, from AUTH_BOOTSTRAP_ADMIN_EMAIL/_PASSWORD at start: created once, never with a default password.
import { enqueueOutbox, type Logger, type Sql } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import type { PasswordHasher } from '../crypto/passwords.ts';
import { userRegisteredEvent } from './user-events.ts';
import { usersSql } from './users.sql.ts';

export const BOOTSTRAP_ADMIN_NAME = 'Administrator';

/**
 * Nothing happens without both variables. An existing account keeps its password and gains ADMIN; a new one is
 * created with USER and ADMIN. Instances starting together race on the unique e-mail: the loser only grants ADMIN.
 */
export async function bootstrapAdmin(
  deps: { sql: Sql; logger: Logger; passwords: PasswordHasher; afterCommit: () => void },
  admin: { email: string; password: string } | null,
): Promise<void> {
  if (!admin) return;
  const { sql, logger } = deps;
  if (await usersSql(sql).existsByEmail(admin.email)) {
    if (await usersSql(sql).grantAdmin(admin.email)) logger.warn('bootstrap admin: existing account granted ADMIN');
    return;
  }
  const passwordHash = await deps.passwords.hash(admin.password);
  const created = await sql.transaction(async (tx) => {
    const users = usersSql(tx);
    const user = await users.insert({
      id: uuidv7(),
      email: admin.email,
      name: BOOTSTRAP_ADMIN_NAME,
      passwordHash,
      roles: ['USER', 'ADMIN'],
    });
    if (!user) {
      await users.grantAdmin(admin.email);
      return null;
    }
    await enqueueOutbox(tx, [userRegisteredEvent(user)]);
    return user;
  });
  if (created) {
    deps.afterCommit();
    logger.warn({ userId: created.id }, 'bootstrap admin created');
  }
}
