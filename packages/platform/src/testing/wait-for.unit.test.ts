// waitFor: resolves as soon as the condition holds, fails with a description when it never does.
import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.ts';

describe('waitFor', () => {
  it('resolves once the condition becomes true, treating a throwing condition as not yet', async () => {
    let calls = 0;
    await waitFor(
      () => {
        calls++;
        if (calls < 3) throw new Error('not yet');
        return calls >= 5;
      },
      { intervalMs: 1 },
    );
    expect(calls).toBe(5);
  });

  it('rejects after the timeout naming what it waited for', async () => {
    await expect(
      waitFor(async () => false, { timeoutMs: 30, intervalMs: 5, description: 'the order' }),
    ).rejects.toThrow('waitFor: the order not met within 30 ms');
  });
});
