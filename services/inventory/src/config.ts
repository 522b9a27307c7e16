// Inventory settings from the environment, checked at boot: a bad value stops the service and names the variable.

export interface InventoryConfig {
  /** INVENTORY_SWEEP_INTERVAL_MS: how often the TTL sweeper runs. */
  sweepIntervalMs: number;
  /** INVENTORY_SWEEP_BATCH_SIZE: reservations expired per transaction. */
  sweepBatchSize: number;
  /** INVENTORY_RESERVATION_TTL_SECONDS: TTL of an HTTP reservation that names none (seed 001: 15 minutes). */
  defaultTtlSeconds: number;
}

function intFromEnv(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function inventoryConfig(env: Record<string, string | undefined>): InventoryConfig {
  return {
    sweepIntervalMs: intFromEnv(env, 'INVENTORY_SWEEP_INTERVAL_MS', 5000, 50, 3_600_000),
    sweepBatchSize: intFromEnv(env, 'INVENTORY_SWEEP_BATCH_SIZE', 100, 1, 10_000),
    defaultTtlSeconds: intFromEnv(env, 'INVENTORY_RESERVATION_TTL_SECONDS', 900, 1, 86_400),
  };
}
