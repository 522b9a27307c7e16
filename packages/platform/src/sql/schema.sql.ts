// Schema bootstrap shared by both adapters: name check, advisory-lock keys, CREATE SCHEMA and search_path.
import { createHash } from 'node:crypto';
import type { SqlExecutor } from './sql.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names go into identifiers and connection options, so only plain lower-case names pass; pg_ is reserved. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
  }
}

/** A stable signed 64-bit advisory-lock key (as decimal text) for one purpose on one schema. */
export function advisoryLockKey(purpose: string, schema: string): string {
  const digest = createHash('sha256').update(`techcorp:${purpose}:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/** Takes a transaction-scoped advisory lock; concurrent holders of the same key queue behind it. */
export async function lockAdvisory(tx: SqlExecutor, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [key]);
}

/** Run in a transaction: the lock makes concurrent starts safe (a bare IF NOT EXISTS can still race to 23505). */
export async function createSchemaIfMissing(tx: SqlExecutor, schema: string): Promise<void> {
  await lockAdvisory(tx, advisoryLockKey('create-schema', schema));
  await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

export function setSearchPathStatement(schema: string): string {
  return `SET search_path TO "${schema}"`;
}
