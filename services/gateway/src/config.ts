// Gateway settings from the environment, checked at boot: a bad value stops the gateway and names the variable.
import { ConfigError, gatewaySecretFromEnv, intFromEnv, tokenSettings } from '@techcorp/platform';
import { parseTrustProxy, type TrustProxy } from './edge/client-address.ts';
import { type RateLimitRules, rateLimitRules } from './edge/rate-limit.rules.ts';
import { UPSTREAMS, type UpstreamName } from './routing/route-table.ts';

type Env = Record<string, string | undefined>;

export interface GatewayConfig {
  /** GATEWAY_IDENTITY_SECRET: signs the request context services trust. */
  secret: string;
  /** GATEWAY_BODY_LIMIT_BYTES (default 1 MiB). */
  bodyLimit: number;
  /** GATEWAY_UPSTREAM_TIMEOUT_MS: wait for response headers (default 35 s: orders may hold `Prefer: wait=30`). */
  upstreamTimeoutMs: number;
  /** GATEWAY_CONNECT_TIMEOUT_MS (default 2 s). */
  connectTimeoutMs: number;
  /** GATEWAY_UPSTREAM_CONNECTIONS: sockets per upstream instance (default 256). */
  connectionsPerInstance: number;
  /** GATEWAY_HEALTH_INTERVAL_MS (default 5 s) and GATEWAY_HEALTH_TIMEOUT_MS (default 1 s). */
  healthIntervalMs: number;
  healthTimeoutMs: number;
  /** GATEWAY_BREAKER_FAILURES consecutive failures open a breaker (default 5); GATEWAY_BREAKER_HALF_OPEN_MS later it half-opens. */
  breakerFailures: number;
  breakerHalfOpenMs: number;
  /** GATEWAY_JWKS_URL, else the first auth instance's /.well-known/jwks.json. */
  jwksUrl: string | null;
  issuer: string;
  audience: string;
  /** GATEWAY_CORS_ORIGINS: exact origins, comma-separated (default none). */
  corsOrigins: string[];
  trustProxy: TrustProxy;
  rateLimits: RateLimitRules;
  /** UPSTREAM_<NAME>: comma-separated base URLs replacing the service's default address. */
  upstreamOverrides: Partial<Record<UpstreamName, string[]>>;
}

/** UPSTREAM_ORDER_QUERY for order-query. */
export const upstreamVariable = (name: UpstreamName): string => `UPSTREAM_${name.toUpperCase().replace(/-/g, '_')}`;

export function gatewayConfig(env: Env): GatewayConfig {
  return {
    secret: gatewaySecretFromEnv(env),
    bodyLimit: intFromEnv(env, 'GATEWAY_BODY_LIMIT_BYTES', 1024 * 1024, { min: 1, max: 100 * 1024 * 1024 }),
    upstreamTimeoutMs: intFromEnv(env, 'GATEWAY_UPSTREAM_TIMEOUT_MS', 35_000, { min: 10, max: 600_000 }),
    connectTimeoutMs: intFromEnv(env, 'GATEWAY_CONNECT_TIMEOUT_MS', 2_000, { min: 10, max: 60_000 }),
    connectionsPerInstance: intFromEnv(env, 'GATEWAY_UPSTREAM_CONNECTIONS', 256, { min: 1, max: 10_000 }),
    healthIntervalMs: intFromEnv(env, 'GATEWAY_HEALTH_INTERVAL_MS', 5_000, { min: 10, max: 3_600_000 }),
    healthTimeoutMs: intFromEnv(env, 'GATEWAY_HEALTH_TIMEOUT_MS', 1_000, { min: 10, max: 60_000 }),
    breakerFailures: intFromEnv(env, 'GATEWAY_BREAKER_FAILURES', 5, { min: 1, max: 1_000 }),
    breakerHalfOpenMs: intFromEnv(env, 'GATEWAY_BREAKER_HALF_OPEN_MS', 5_000, { min: 10, max: 600_000 }),
    jwksUrl: optionalHttpUrl(env, 'GATEWAY_JWKS_URL'),
    ...tokenSettings(env),
    corsOrigins: corsOrigins(env.GATEWAY_CORS_ORIGINS),
    trustProxy: parseTrustProxy(env.GATEWAY_TRUST_PROXY),
    rateLimits: rateLimitRules(env.GATEWAY_RATE_LIMITS),
    upstreamOverrides: upstreamOverrides(env),
  };
}

function optionalHttpUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  checkHttpUrl(raw, name);
  return raw;
}

function checkHttpUrl(raw: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must hold http(s) URLs`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must hold http(s) URLs`);
  if (url.search || url.hash) throw new ConfigError(`${name} must hold base URLs without query or fragment`);
  return url;
}

function corsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    // An origin is scheme://host[:port], exactly as browsers send it; '*' would defeat the allow-list.
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`GATEWAY_CORS_ORIGINS must list exact origins such as https://shop.example.com`);
    }
  }
  return origins;
}

function upstreamOverrides(env: Env): Partial<Record<UpstreamName, string[]>> {
  const overrides: Partial<Record<UpstreamName, string[]>> = {};
  for (const name of UPSTREAMS) {
    const variable = upstreamVariable(name);
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const urls = raw
      .split(',')
      .map((url) => url.trim())
      .filter((url) => url !== '');
    for (const url of urls) checkHttpUrl(url, variable);
    if (urls.length > 0) overrides[name] = urls;
  }
  return overrides;
}
