// All SQL on addresses; every write runs in a transaction that holds the owner's profile lock.
import type { SqlExecutor } from '@techcorp/platform';
import type { DefaultKind } from './address.policy.ts';

/** What a user can set on an address. */
export interface AddressFields {
  label: string | null;
  recipient: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
  isDefaultShipping: boolean;
  isDefaultBilling: boolean;
}

export interface AddressRow extends AddressFields {
  id: string;
  userId: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = `id, user_id AS "userId", label, recipient, line1, line2, city, region, postal_code AS "postalCode",
  country, phone, is_default_shipping AS "isDefaultShipping", is_default_billing AS "isDefaultBilling",
  created_at AS "createdAt", updated_at AS "updatedAt", version`;

const DEFAULT_COLUMN: Record<DefaultKind, string> = {
  shipping: 'is_default_shipping',
  billing: 'is_default_billing',
};

const fieldParams = (f: AddressFields) => [
  f.label,
  f.recipient,
  f.line1,
  f.line2,
  f.city,
  f.region,
  f.postalCode,
  f.country,
  f.phone,
  f.isDefaultShipping,
  f.isDefaultBilling,
];

export interface AddressSummary {
  count: number;
  hasDefaultShipping: boolean;
  hasDefaultBilling: boolean;
}

export function addressSql(db: SqlExecutor) {
  return {
    async list(userId: string): Promise<AddressRow[]> {
      const { rows } = await db.query<AddressRow>(
        `SELECT ${COLUMNS} FROM addresses WHERE user_id = $1 ORDER BY created_at, id`,
        [userId],
      );
      return rows;
    },

    /** The address when it belongs to this user; another user's address is indistinguishable from none. */
    async get(userId: string, addressId: string, options: { lock?: boolean } = {}): Promise<AddressRow | null> {
      const { rows } = await db.query<AddressRow>(
        `SELECT ${COLUMNS} FROM addresses WHERE user_id = $1 AND id = $2${options.lock ? ' FOR UPDATE' : ''}`,
        [userId, addressId],
      );
      return rows[0] ?? null;
    },

    async summary(userId: string): Promise<AddressSummary> {
      const { rows } = await db.query<AddressSummary>(
        `SELECT count(*)::int AS count, coalesce(bool_or(is_default_shipping), false) AS "hasDefaultShipping",
                coalesce(bool_or(is_default_billing), false) AS "hasDefaultBilling"
         FROM addresses WHERE user_id = $1`,
        [userId],
      );
      return rows[0]!;
    },

    async insert(id: string, userId: string, fields: AddressFields): Promise<AddressRow> {
      const { rows } = await db.query<AddressRow>(
        `INSERT INTO addresses (id, user_id, label, recipient, line1, line2, city, region, postal_code, country, phone,
           is_default_shipping, is_default_billing)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
        [id, userId, ...fieldParams(fields)],
      );
      return rows[0]!;
    },

    async update(userId: string, addressId: string, fields: AddressFields): Promise<AddressRow> {
      const { rows } = await db.query<AddressRow>(
        `UPDATE addresses SET label = $3, recipient = $4, line1 = $5, line2 = $6, city = $7, region = $8,
           postal_code = $9, country = $10, phone = $11, is_default_shipping = $12, is_default_billing = $13,
           updated_at = now(), version = version + 1
         WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [userId, addressId, ...fieldParams(fields)],
      );
      return rows[0]!;
    },

    async delete(userId: string, addressId: string): Promise<void> {
      await db.query(`DELETE FROM addresses WHERE user_id = $1 AND id = $2`, [userId, addressId]);
    },

    /** Takes the flag off the user's current default of this kind (other than `keepId`); returns the ids it changed. */
    async clearDefault(userId: string, kind: DefaultKind, keepId: string): Promise<string[]> {
      const column = DEFAULT_COLUMN[kind];
      const { rows } = await db.query<{ id: string }>(
        `UPDATE addresses SET ${column} = false, updated_at = now(), version = version + 1
         WHERE user_id = $1 AND ${column} AND id <> $2 RETURNING id`,
        [userId, keepId],
      );
      return rows.map((r) => r.id);
    },
  };
}
