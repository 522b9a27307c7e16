// Specifications of a leased job's claim and the status an operator sees: one run at a time, and a run whose
// instance died may be taken over after its lease.
import { describe, expect, it } from 'vitest';
import { canClaim, type LeasedJobRecord, leasedJobStatus } from './leased-job.ts';

const LEASE = 60_000;
const record = (overrides: Partial<LeasedJobRecord>): LeasedJobRecord => ({
  state: 'idle',
  processed: 0,
  startedAt: null,
  finishedAt: null,
  heartbeatAt: null,
  error: null,
  now: '2025-01-01T00:10:00.000Z',
  ...overrides,
});

describe('given no run yet', () => {
  it('may be claimed and shows idle', () => {
    expect(canClaim(record({}), LEASE)).toBe(true);
    expect(leasedJobStatus(record({}), LEASE)).toEqual({
      state: 'idle',
      processed: 0,
      started_at: null,
      finished_at: null,
      error: null,
    });
  });
});

describe('given no run in progress', () => {
  it.each(['idle', 'done', 'failed'] as const)('%s may be claimed', (state) => {
    expect(canClaim(record({ state, error: state === 'failed' ? 'x' : null }), LEASE)).toBe(true);
  });
});

describe('given a run in progress', () => {
  const running = (heartbeatAt: string) =>
    record({ state: 'running', startedAt: '2025-01-01T00:00:00.000Z', heartbeatAt, processed: 5 });

  it('refuses a second one while it makes progress', () => {
    expect(canClaim(running('2025-01-01T00:09:30.000Z'), LEASE)).toBe(false);
    expect(leasedJobStatus(running('2025-01-01T00:09:30.000Z'), LEASE)).toMatchObject({
      state: 'running',
      processed: 5,
      error: null,
    });
  });

  it('reports it failed and lets another take over once its lease ran out', () => {
    const stale = running('2025-01-01T00:08:00.000Z');
    expect(canClaim(stale, LEASE)).toBe(true);
    expect(leasedJobStatus(stale, LEASE)).toEqual({
      state: 'failed',
      processed: 5,
      started_at: '2025-01-01T00:00:00.000Z',
      finished_at: null,
      error: 'abandoned: no progress for more than 60 s',
    });
  });
});
