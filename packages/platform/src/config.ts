// Typed configuration from environment variables, checked at boot: a bad value stops the process and names the variable.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the variables a TypeBox object schema names (property name = variable name), converting strings to the
 * declared types and applying defaults. Throws a ConfigError naming every bad variable (never echoing its value,
 * which may be a secret).
 */
export function readEnv<S extends TObject>(env: Env, schema: S): Static<S> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const value = Value.Convert(schema, Value.Default(schema, picked));
  const problems = [...Value.Errors(schema, value)].map((e) => `${e.path.slice(1) || 'environment'}: ${e.message}`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  return value as Static<S>;
}

function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function stringFromEnv(env: Env, name: string, fallback?: string): string {
  const value = present(env, name) ?? fallback;
  if (value === undefined) throw new ConfigError(`${name} is required`);
  return value;
}

export function intFromEnv(
  env: Env,
  name: string,
  fallback?: number,
  range: { min?: number; max?: number } = {},
): number {
  const raw = present(env, name);
  if (raw === undefined) {
    if (fallback === undefined) throw new ConfigError(`${name} is required`);
    return fallback;
  }
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function boolFromEnv(env: Env, name: string, fallback: boolean): boolean {
  const raw = present(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false`);
}

/** An optional URL whose scheme is one of `protocols` (e.g. ['postgres:', 'postgresql:']). */
export function urlFromEnv(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must be a ${protocols.map((p) => p.replace(/:$/, '')).join(' or ')} URL`);
  }
  return raw;
}

/** Which infrastructure to use: a URL present means the real server, absent means the embedded stand-in. */
export interface InfraConfig {
  databaseUrl?: string;
  /** Connections each service's pool may open (DATABASE_POOL_SIZE, default 10). */
  databasePoolSize: number;
  rabbitmqUrl?: string;
  redisUrl?: string;
  /** Where embedded state (PGlite databases) is persisted. */
  dataDir: string;
  /** RabbitMQ topic exchange (BUS_EXCHANGE, default 'techcorp') and queue-name prefix (BUS_QUEUE_PREFIX):
   * two deployments sharing one broker stay apart. */
  busExchange?: string;
  busQueuePrefix?: string;
}

/** `<repo root>/data`: this file is packages/platform/src/config.ts. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

export function infraConfigFromEnv(env: Env): InfraConfig {
  const dataDir = present(env, 'DATA_DIR');
  return {
    databaseUrl: urlFromEnv(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: intFromEnv(env, 'DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    rabbitmqUrl: urlFromEnv(env, 'RABBITMQ_URL', ['amqp:', 'amqps:']),
    redisUrl: urlFromEnv(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: dataDir === undefined ? DEFAULT_DATA_DIR : isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    busExchange: busName(env, 'BUS_EXCHANGE'),
    busQueuePrefix: busName(env, 'BUS_QUEUE_PREFIX'),
  };
}

function busName(env: Env, name: string): string | undefined {
  const value = present(env, name);
  if (value !== undefined && !/^[A-Za-z0-9._:-]{1,100}$/.test(value))
    throw new ConfigError(`${name} must be 1-100 characters of letters, digits, '.', '_', ':' or '-'`);
  return value;
}
