// All SQL on accounts. The password hash is read only where a password is checked and never leaves this service.
import type { SqlExecutor } from '@techcorp/platform';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: Date;
}

export interface UserWithHash extends UserRow {
  passwordHash: string;
}

const COLUMNS = `id, email, name, roles, created_at AS "createdAt"`;

export function usersSql(db: SqlExecutor) {
  return {
    /** Inserts unless the e-mail is taken; undefined when it is. */
    async insert(user: { id: string; email: string; name: string; passwordHash: string; roles: string[] }) {
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (id, email, name, password_hash, roles) VALUES ($1, $2, $3, $4, $5::text[])
         ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
        [user.id, user.email, user.name, user.passwordHash, user.roles],
      );
      return rows[0];
    },

    async byEmailWithHash(email: string): Promise<UserWithHash | undefined> {
      const { rows } = await db.query<UserWithHash>(
        `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE email = $1`,
        [email],
      );
      return rows[0];
    },

    async byIdWithHash(id: string, options: { lock?: boolean } = {}): Promise<UserWithHash | undefined> {
      const { rows } = await db.query<UserWithHash>(
        `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
        [id],
      );
      return rows[0];
    },

    async byId(id: string): Promise<UserRow | undefined> {
      const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
      return rows[0];
    },

    async existsByEmail(email: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      return rows.length > 0;
    },

    /** Locks the rows in id order (two admins changing each other's roles cannot deadlock). */
    async lockMany(ids: readonly string[]): Promise<UserRow[]> {
      const { rows } = await db.query<UserRow>(
        `SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[...ids]],
      );
      return rows;
    },

    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
    },

    async setRoles(id: string, roles: readonly string[]): Promise<UserRow | undefined> {
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET roles = $2::text[], updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, [...roles]],
      );
      return rows[0];
    },

    /** Adds ADMIN to an existing account, leaving everything else (its password above all) as it is. */
    async grantAdmin(email: string): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE users SET roles = roles || ARRAY['ADMIN']::text[], updated_at = now()
         WHERE email = $1 AND NOT ('ADMIN' = ANY (roles))`,
        [email],
      );
      return rowCount === 1;
    },
  };
}
