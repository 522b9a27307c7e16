// Rate-limit rules (fixed windows per client and route) with their defaults, and the GATEWAY_RATE_LIMITS override.
import { ConfigError } from '@techcorp/platform';

export interface RateLimitRule {
  readonly windowSeconds: number;
  readonly max: number;
  /** 'client': the user id when authenticated, else the IP. 'ip': always the IP (login and signup abuse). */
  readonly key: 'client' | 'ip';
}

export const RATE_LIMIT_DEFAULTS = {
  global: { windowSeconds: 60, max: 600, key: 'client' },
  'auth-login': { windowSeconds: 60, max: 10, key: 'ip' },
  'auth-register': { windowSeconds: 3600, max: 20, key: 'ip' },
  'auth-refresh': { windowSeconds: 60, max: 30, key: 'ip' },
  'orders-place': { windowSeconds: 60, max: 60, key: 'client' },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitRuleName = keyof typeof RATE_LIMIT_DEFAULTS;
export type RateLimitRules = Record<RateLimitRuleName, RateLimitRule>;

const VARIABLE = 'GATEWAY_RATE_LIMITS';
const MAX_WINDOW_SECONDS = 86_400;
const MAX_REQUESTS = 1_000_000_000;

const isRuleName = (name: string): name is RateLimitRuleName => Object.hasOwn(RATE_LIMIT_DEFAULTS, name);

/** The defaults, with GATEWAY_RATE_LIMITS (`{"<rule>": {"max": n, "windowSeconds": s}}`) laid over them. */
export function rateLimitRules(raw: string | undefined): RateLimitRules {
  const rules: RateLimitRules = { ...RATE_LIMIT_DEFAULTS };
  if (raw === undefined || raw.trim() === '') return rules;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${VARIABLE} is not valid JSON`);
  }
  if (!isPlainObject(parsed)) throw new ConfigError(`${VARIABLE} must be a JSON object of rules`);
  for (const [name, override] of Object.entries(parsed)) {
    if (!isRuleName(name)) {
      throw new ConfigError(`${VARIABLE}: unknown rule ${JSON.stringify(name.slice(0, 40))}`);
    }
    if (!isPlainObject(override)) throw new ConfigError(`${VARIABLE}.${name} must be an object`);
    for (const field of Object.keys(override)) {
      if (field !== 'max' && field !== 'windowSeconds') {
        throw new ConfigError(`${VARIABLE}.${name}: unknown field ${JSON.stringify(field.slice(0, 40))}`);
      }
    }
    rules[name] = {
      ...rules[name],
      max: integerField(override, name, 'max', rules[name].max, MAX_REQUESTS),
      windowSeconds: integerField(override, name, 'windowSeconds', rules[name].windowSeconds, MAX_WINDOW_SECONDS),
    };
  }
  return rules;
}

function integerField(
  override: Record<string, unknown>,
  rule: string,
  field: string,
  fallback: number,
  max: number,
): number {
  const value = override[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new ConfigError(`${VARIABLE}.${rule}.${field} must be an integer from 1 to ${max}`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
