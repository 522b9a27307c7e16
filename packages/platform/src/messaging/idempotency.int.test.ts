// Idempotency keys on both SQL adapters: replay, conflicting reuse, rollback, and a concurrent duplicate request.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { runMigrations } from '../sql/migrate.ts';
import type { Sql, SqlExecutor } from '../sql/sql.ts';
import { type SqlTarget, sqlTargets } from '../testing/databases.ts';
import { waitFor } from '../testing/wait-for.ts';
import { claimIdempotencyKey, hashRequest, type IdempotencyClaim, saveIdempotentResponse } from './idempotency.sql.ts';

const body = { orderId: '0190a0d2-5b7e-7c3a-8f00-000000000001', status: 'PENDING' };

for (const [kind, createTarget] of Object.entries(sqlTargets)) {
  describe(`idempotency keys on ${kind}`, () => {
    let target: SqlTarget;
    let sql: Sql;
    const request = (key: string, payload: unknown = { sku: 'A', qty: 1 }) => ({
      scope: 'orders.create:user-1',
      key,
      requestHash: hashRequest(payload),
    });
    const newKey = () => `key-${randomBytes(6).toString('hex')}`;
    /** What a command handler does: claim, do the work unless replaying, save the response, all in one transaction. */
    const handle = (claim: ReturnType<typeof request>, work?: (tx: SqlExecutor) => Promise<void>) =>
      sql.transaction(async (tx) => {
        const outcome = await claimIdempotencyKey(tx, claim);
        if (outcome.kind === 'new') {
          await work?.(tx);
          await saveIdempotentResponse(tx, claim, { statusCode: 202, body });
        }
        return outcome;
      });

    beforeAll(async () => {
      target = await createTarget();
      sql = await target.open(`idem_${randomBytes(5).toString('hex')}`);
      await runMigrations(sql, []);
    });
    afterAll(async () => {
      await sql?.close();
      await target?.dispose();
    });

    it('replays the stored response for the same request, per scope', async () => {
      const claim = request(newKey());
      expect(await handle(claim)).toStrictEqual({ kind: 'new' });
      expect(await handle(claim)).toStrictEqual({ kind: 'replay', statusCode: 202, body });
      expect(await handle({ ...claim, scope: 'orders.create:user-2' })).toStrictEqual({ kind: 'new' });
    });

    it('rejects the key with 422 when reused for a different request', async () => {
      const key = newKey();
      await handle(request(key, { sku: 'A', qty: 1 }));
      const reused = await handle(request(key, { sku: 'A', qty: 2 })).catch((error: unknown) => error);
      expect(reused).toBeInstanceOf(AppError);
      expect(reused).toMatchObject({ status: 422, code: 'unprocessable', errors: [{ field: 'Idempotency-Key' }] });
    });

    it('frees the key again when the first transaction rolls back', async () => {
      const claim = request(newKey());
      const failing = handle(claim, async () => {
        throw new Error('command failed');
      });
      await expect(failing).rejects.toThrow('command failed');
      expect(await handle(claim)).toStrictEqual({ kind: 'new' });
    });

    it('answers 409 for a key committed without a stored response', async () => {
      const claim = request(newKey());
      await sql.transaction((tx) => claimIdempotencyKey(tx, claim));
      await expect(handle(claim)).rejects.toMatchObject({ status: 409, code: 'conflict' });
    });

    for (const outcome of ['commits', 'rolls back'] as const) {
      it(`makes a concurrent duplicate wait for the first, which then ${outcome}`, async () => {
        const claim = request(newKey());
        let second: Promise<IdempotencyClaim> | undefined;
        let secondSettled = false;
        const first = sql.transaction(async (tx) => {
          expect(await claimIdempotencyKey(tx, claim)).toStrictEqual({ kind: 'new' });
          second = handle(claim).finally(() => {
            secondSettled = true;
          });
          await waitUntilBlocked(tx);
          expect(secondSettled).toBe(false);
          await saveIdempotentResponse(tx, claim, { statusCode: 202, body });
          if (outcome === 'rolls back') throw new Error('first request failed');
        });
        if (outcome === 'commits') {
          await first;
          expect(await second).toStrictEqual({ kind: 'replay', statusCode: 202, body });
        } else {
          await expect(first).rejects.toThrow('first request failed');
          expect(await second).toStrictEqual({ kind: 'new' });
        }
      });
    }

    /** On PostgreSQL the second INSERT must be waiting on the first's row lock; PGlite queues whole transactions. */
    async function waitUntilBlocked(tx: SqlExecutor): Promise<void> {
      if (kind === 'pglite') {
        for (let i = 0; i < 5; i += 1) await tx.query('SELECT 1');
        return;
      }
      await waitFor(
        async () => {
          const { rows } = await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO idempotency_keys%'`,
          );
          return rows[0]?.n === 1;
        },
        { description: 'the duplicate request blocked on the row lock' },
      );
    }
  });
}
