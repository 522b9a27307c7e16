// Bounded polling for tests: wait for a condition instead of sleeping a fixed time.

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error so a failing test says what it was waiting for. */
  description?: string;
}

/** Resolves once condition() is truthy; rejects after timeoutMs (default 10 s). A throwing condition counts as false. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  { timeoutMs = 10_000, intervalMs = 25, description = 'condition' }: WaitForOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: last error ${lastError.message}` : '';
      throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
