// Cart settings from the environment, checked at boot: a bad value stops the service and names the variable.
import { type Env, intFromEnv } from '@techcorp/platform';

const DAY_SECONDS = 86_400;

export interface CartConfig {
  /** CART_USER_TTL_SECONDS: a signed-in customer's cart lives this long after its last change (30 days). */
  userTtlMs: number;
  /** CART_GUEST_TTL_SECONDS: a guest's cart lives this long after its last change (7 days). */
  guestTtlMs: number;
  /** CART_UPSTREAM_TIMEOUT_MS: the longest one call to catalog or inventory may take. */
  upstreamTimeoutMs: number;
}

export function cartConfig(env: Env): CartConfig {
  const ttl = (name: string, fallbackDays: number) =>
    intFromEnv(env, name, fallbackDays * DAY_SECONDS, { min: 60, max: 365 * DAY_SECONDS }) * 1000;
  return {
    userTtlMs: ttl('CART_USER_TTL_SECONDS', 30),
    guestTtlMs: ttl('CART_GUEST_TTL_SECONDS', 7),
    upstreamTimeoutMs: intFromEnv(env, 'CART_UPSTREAM_TIMEOUT_MS', 2000, { min: 50, max: 30_000 }),
  };
}
