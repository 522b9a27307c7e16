// Specifications of the rebuild claim and the status an operator sees.
import { describe, expect, it } from 'vitest';
import { canClaim, type RebuildRecord, rebuildStatus } from './rebuild.policy.ts';

const LEASE = 60_000;
const record = (overrides: Partial<RebuildRecord>): RebuildRecord => ({
  state: 'idle',
  owner: null,
  processed: 0,
  startedAt: null,
  finishedAt: null,
  heartbeatAt: null,
  error: null,
  now: '2025-03-01T12:00:00.000Z',
  ...overrides,
});

describe('given no rebuild has run', () => {
  it('may be claimed and shows idle', () => {
    expect(canClaim(record({}), LEASE)).toBe(true);
    expect(rebuildStatus(record({}), LEASE)).toEqual({
      state: 'idle',
      processed: 0,
      started_at: null,
      finished_at: null,
      error: null,
    });
  });
});

describe('given a rebuild is running with a fresh heartbeat', () => {
  const running = record({
    state: 'running',
    owner: 'a',
    processed: 40,
    startedAt: '2025-03-01T11:59:00.000Z',
    heartbeatAt: '2025-03-01T11:59:30.000Z',
  });
  it('may not be claimed again (one rebuild at a time)', () => {
    expect(canClaim(running, LEASE)).toBe(false);
    expect(rebuildStatus(running, LEASE)).toMatchObject({ state: 'running', processed: 40, error: null });
  });
});

describe('given a running rebuild stopped reporting progress longer than the lease', () => {
  const abandoned = record({ state: 'running', owner: 'a', heartbeatAt: '2025-03-01T11:58:59.000Z' });
  it('may be taken over and shows failed as abandoned', () => {
    expect(canClaim(abandoned, LEASE)).toBe(true);
    expect(rebuildStatus(abandoned, LEASE)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/abandoned/),
    });
  });
});

describe('given a finished or failed rebuild', () => {
  it('may be started again', () => {
    expect(canClaim(record({ state: 'done' }), LEASE)).toBe(true);
    expect(canClaim(record({ state: 'failed', error: 'x' }), LEASE)).toBe(true);
  });
});
