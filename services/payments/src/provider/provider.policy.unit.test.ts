// Specs of the provider resilience policy with in-memory calls (tiny delays, no I/O).
import { describe, expect, it } from 'vitest';
import {
  type BreakerState,
  createProviderPolicy,
  DEFAULT_RESILIENCE,
  describeFailure,
  isShortCircuit,
  ProviderUnavailableError,
  type ResilienceSettings,
} from './provider.policy.ts';

const settings: ResilienceSettings = {
  ...DEFAULT_RESILIENCE,
  timeoutMs: 50,
  retryBaseMs: 1,
  retryMaxDelayMs: 5,
  breakerHalfOpenMs: 60_000,
};
const failing = () => Promise.reject(new ProviderUnavailableError('provider answered 503'));

describe('a call that keeps failing transiently', () => {
  it('is tried 1 + 3 times, then the last error surfaces', async () => {
    const policy = createProviderPolicy({ ...settings, breakerMinCalls: 10 });
    let calls = 0;
    const outcome = policy.execute(() => {
      calls += 1;
      return failing();
    });
    await expect(outcome).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(calls).toBe(4);
  });

  it('times out each attempt, aborting its signal', async () => {
    const policy = createProviderPolicy({ ...settings, retries: 0 });
    let aborted = false;
    const error = await policy
      .execute(
        (signal) =>
          new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            }),
          ),
      )
      .catch((e: unknown) => e);
    expect(describeFailure(error, settings)).toBe('no answer within 50 ms');
    expect(aborted).toBe(true);
  });
});

describe('a call answered with a final value (e.g. a decline)', () => {
  it('is made once and never counts against the breaker', async () => {
    const policy = createProviderPolicy({ ...settings, breakerMinCalls: 1, breakerWindow: 1 });
    let calls = 0;
    for (let i = 0; i < 3; i++) {
      await policy.execute(async () => {
        calls += 1;
        return 'declined';
      });
    }
    expect(calls).toBe(3);
    expect(policy.breakerState).toBe('closed');
  });
});

describe('the circuit breaker (window 10, at least 5 calls, 50 % failures)', () => {
  it('opens after 5 failed calls, then fails fast without calling', async () => {
    const states: BreakerState[] = [];
    const policy = createProviderPolicy({ ...settings, retries: 0 }, (state) => states.push(state));
    for (let i = 0; i < 5; i++) await policy.execute(failing).catch(() => {});
    expect(policy.breakerState).toBe('open');
    expect(states).toEqual(['open']);

    let called = false;
    const error = await policy
      .execute(async () => {
        called = true;
      })
      .catch((e: unknown) => e);
    expect(isShortCircuit(error)).toBe(true);
    expect(called).toBe(false);
    expect(describeFailure(error, settings)).toBe('circuit breaker open');
  });

  it('stays closed below half failures and opens at exactly half of the window', async () => {
    const policy = createProviderPolicy({ ...settings, retries: 0 });
    for (let i = 0; i < 5; i++) await policy.execute(async () => 'ok');
    for (let i = 0; i < 4; i++) await policy.execute(failing).catch(() => {});
    expect(policy.breakerState).toBe('closed');
    await policy.execute(failing).catch(() => {});
    expect(policy.breakerState).toBe('open');
  });

  it('is not retried when open, and half-opens after the wait to let one trial call through', async () => {
    const policy = createProviderPolicy({ ...settings, retries: 3, breakerHalfOpenMs: 30 });
    let calls = 0;
    const fail = () => {
      calls += 1;
      return failing();
    };
    await policy.execute(fail).catch(() => {});
    await policy.execute(fail).catch(() => {});
    // 4 attempts, then 1 more opens the breaker; the remaining retries of the 2nd call are refused without a call.
    expect(calls).toBe(5);
    expect(policy.breakerState).toBe('open');

    await expect.poll(() => policy.execute(async () => 'ok').catch(() => 'refused'), { timeout: 2000 }).toBe('ok');
    expect(policy.breakerState).toBe('closed');
  });

  it('lets reconciliation lookups through while open', async () => {
    const policy = createProviderPolicy({ ...settings, retries: 0 });
    for (let i = 0; i < 5; i++) await policy.execute(failing).catch(() => {});
    expect(policy.breakerState).toBe('open');
    expect(await policy.executeOnce(async () => 'found')).toBe('found');
  });
});
