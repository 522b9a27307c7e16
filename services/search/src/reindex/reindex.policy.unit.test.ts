// Reindex claims and status: one at a time, and a run whose instance died may be taken over after its lease.
import { describe, expect, it } from 'vitest';
import { canClaim, type ReindexRecord, reindexStatus } from './reindex.policy.ts';

const record = (overrides: Partial<ReindexRecord>): ReindexRecord => ({
  state: 'idle',
  runId: null,
  processed: 0,
  startedAt: null,
  finishedAt: null,
  heartbeatAt: null,
  error: null,
  now: '2025-01-01T00:10:00.000Z',
  ...overrides,
});

describe('given no reindex running', () => {
  it.each(['idle', 'done', 'failed'] as const)('%s may be claimed', (state) => {
    expect(canClaim(record({ state }), 60_000)).toBe(true);
  });
});

describe('given a reindex running', () => {
  const running = (heartbeatAt: string) =>
    record({ state: 'running', runId: 'r1', startedAt: '2025-01-01T00:00:00.000Z', heartbeatAt, processed: 5 });

  it('refuses a second one while it makes progress', () => {
    expect(canClaim(running('2025-01-01T00:09:30.000Z'), 60_000)).toBe(false);
    expect(reindexStatus(running('2025-01-01T00:09:30.000Z'), 60_000)).toMatchObject({ state: 'running', error: null });
  });

  it('reports it failed and lets another take over once its lease ran out', () => {
    const stale = running('2025-01-01T00:08:00.000Z');
    expect(canClaim(stale, 60_000)).toBe(true);
    expect(reindexStatus(stale, 60_000)).toEqual({
      state: 'failed',
      processed: 5,
      started_at: '2025-01-01T00:00:00.000Z',
      finished_at: null,
      error: 'abandoned: no progress for more than 60 s',
    });
  });
});
